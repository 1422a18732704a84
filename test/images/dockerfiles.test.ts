import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { root } from '@/scripts/lib/paths';
import { parseDockerfile } from './image-filesystem';

// No container runtime or hadolint here: what can be checked from the text is checked. The run-as-image test
// (run-as-image.integration.test.ts) proves the files these Dockerfiles copy actually run.

const values = parse(readFileSync(path.join(root, 'deploy/chart/values.yaml'), 'utf8'));
const chart = parse(readFileSync(path.join(root, 'deploy/chart/Chart.yaml'), 'utf8'));
const nodeVersion = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).devDependencies.node as string;

describe.each([
  { file: 'Dockerfile.controller', image: values.controller.image as string, entry: '/app/dist/controller.mjs' },
  { file: 'Dockerfile.console', image: values.console.image as string, entry: '/app/server.js' },
])('$file', ({ file, image, entry }) => {
  const stages = parseDockerfile(readFileSync(path.join(root, file), 'utf8'));
  const final = stages.at(-1)!;
  const instr = (kind: string) => final.lines.filter((l) => l.toUpperCase().startsWith(`${kind} `));

  it('is multi-stage and pins every base image to an exact version (or digest)', () => {
    expect(stages.length).toBeGreaterThan(1);
    for (const s of stages) expect(s.from, s.from).toMatch(/^[^:@\s]+(:\d+\.\d+\.\d+[-\w.]*)?(@sha256:[a-f0-9]{64})?$/);
    for (const s of stages) expect(s.from, `${s.from} has neither an exact tag nor a digest`).toMatch(/:\d+\.\d+\.\d+|@sha256:/);
  });

  it('runs on the Node version the project is built and tested with', () => {
    const nodeStages = stages.filter((s) => s.from.startsWith('node:'));
    expect(nodeStages.length).toBeGreaterThan(0);
    for (const s of nodeStages) expect(s.from).toMatch(new RegExp(`^node:${nodeVersion.replace(/\./g, '\\.')}-`));
  });

  it('runs as the chart\'s non-root uid', () => {
    const user = instr('USER').at(-1);
    expect(user).toBe('USER 65532:65532');
    const pod = file.includes('controller') ? 'controller.yaml' : 'console.yaml';
    const helpers = readFileSync(path.join(root, 'deploy/chart/templates/_helpers.tpl'), 'utf8');
    expect(readFileSync(path.join(root, 'deploy/chart/templates', pod), 'utf8')).toContain('include "atrium.podSecurityContext"');
    expect(helpers).toMatch(/runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532/);
  });

  it('leaves no package manager or compiler in the final stage', () => {
    const run = instr('RUN').join('\n');
    expect(run).toMatch(/rm -rf [^\n]*\/usr\/local\/bin\/npm[^\n]*\/usr\/local\/bin\/npx/);
    expect(run).toMatch(/rm -rf [^\n]*\/usr\/bin\/apt\*[^\n]*\/usr\/bin\/dpkg\*/);
    // Nothing is installed or built there: sources are copied in from build stages only.
    expect(run).not.toMatch(/(^RUN|&&|;|\|)\s*(npm|npx|apt-get|apt|dpkg|go|gcc|cc|make|tsc|tsx|node-gyp)\b/m);
    for (const copy of instr('COPY')) expect(copy, copy).toMatch(/^COPY --from=/);
  });

  it('carries OCI labels naming source and version', () => {
    const labels = instr('LABEL').join(' ');
    expect(labels).toContain('org.opencontainers.image.source="https://github.com/atrium-dev/atrium"');
    expect(labels).toContain('org.opencontainers.image.version="${VERSION}"');
    expect(final.lines.find((l) => l.startsWith('ARG VERSION='))).toBe(`ARG VERSION=${chart.appVersion}`);
  });

  it('is the image the chart deploys by default', () => {
    const title = /org\.opencontainers\.image\.title="([^"]+)"/.exec(instr('LABEL').join(' '))![1];
    expect(image).toBe(`ghcr.io/atrium-dev/${title}:${chart.appVersion}`);
    expect(instr('ENTRYPOINT').at(-1)).toContain(`"${entry}"`);
  });
});

describe('Dockerfile.console', () => {
  it('copies the Next.js standalone output and its static files', () => {
    const final = parseDockerfile(readFileSync(path.join(root, 'Dockerfile.console'), 'utf8')).at(-1)!;
    expect(final.lines).toContain('COPY --from=build /src/.next/standalone/ /app/');
    expect(final.lines).toContain('COPY --from=build /src/.next/static/ /app/.next/static/');
    expect(readFileSync(path.join(root, 'next.config.ts'), 'utf8')).toMatch(/output: 'standalone'/);
  });
});

describe('Dockerfile.controller', () => {
  it('ships helm where the chart points ATRIUM_HELM_BIN, and the migrations the migrate job reads', () => {
    const text = readFileSync(path.join(root, 'Dockerfile.controller'), 'utf8');
    expect(text).toContain('COPY --from=helm /out/helm /usr/local/bin/helm');
    expect(readFileSync(path.join(root, 'deploy/chart/templates/controller.yaml'), 'utf8')).toContain('{name: ATRIUM_HELM_BIN, value: /usr/local/bin/helm}');
    expect(text).toContain('COPY --from=build /src/prisma/migrations/ /app/prisma/migrations/');
    expect(readFileSync(path.join(root, 'deploy/chart/templates/migrate-job.yaml'), 'utf8')).toContain('command: [node, /app/dist/migrate.mjs, migrate]');
    // helm is built at the version the dev cluster tests with.
    expect(readFileSync(path.join(root, 'devcluster/helm/go.mod'), 'utf8')).toMatch(/helm\.sh\/helm\/v3 v3\.22\.0/);
    expect(text).toContain('version.version=v3.22.0');
  });
});
