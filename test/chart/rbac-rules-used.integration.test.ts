import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { root } from '@/scripts/lib/paths';
import { chartDir, helmTemplate, requiredValues } from './support';

// Privileges cannot grow silently: every rule the chart grants Atrium's own identities (controller, console, helm
// test pods) must name only resources that some shipped code path names, or come from a value the operator chose
// (controller.quotaResources / templateResources / bindableClusterRoles, documented in values.yaml). The check is at
// resource level: a verb added to a resource the code already uses is not caught (docs/security.md lists the verbs).

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((f) => f.isFile() && /\.(ts|tsx|mjs)$/.test(f.name) && !/\.test\.tsx?$/.test(f.name))
    .map((f) => path.join(f.parentPath, f.name));
}
const code = [...sourceFiles(path.join(root, 'server')), ...sourceFiles(path.join(chartDir, 'files'))].map((f) => readFileSync(f, 'utf8')).join('\n');

/** How code names a grant: the resource as a string or path segment; impersonation by its header. */
function namedInCode(group: string, resource: string, verbs: string[]): boolean {
  if (verbs.includes('impersonate')) {
    const header = { users: 'Impersonate-User', groups: 'Impersonate-Group', uids: 'Impersonate-Uid', userextras: 'Impersonate-Extra-' }[resource];
    return !!header && code.includes(header);
  }
  const [base, sub] = resource.split('/');
  const named = new RegExp(`['"\`/]${base}['"\`/?]`).test(code);
  return named && (!sub || new RegExp(`['"\`/]${sub}['"\`]`).test(code)) && (group === '' || code.includes(group));
}

const values = parse(readFileSync(path.join(chartDir, 'values.yaml'), 'utf8'));
const chosen = [...values.controller.quotaResources, ...values.controller.templateResources] as { apiGroups: string[]; resources: string[] }[];
const chosenByOperator = (group: string, resource: string) => chosen.some((r) => r.apiGroups.includes(group) && r.resources.includes(resource));

// The ClusterRoles Kiosk shipped (kiosk-*) are bound by cluster admins to people; Atrium's identities never hold them.
const atriumRoles = (docs: Awaited<ReturnType<typeof helmTemplate>>) =>
  docs.filter((d) => (d.kind === 'ClusterRole' || d.kind === 'Role') && d.metadata.name.startsWith('atrium-'));

describe('every RBAC rule the chart grants Atrium is used', () => {
  it('names only resources the code uses or the operator chose in values', async () => {
    const docs = await helmTemplate([...requiredValues, '--set', 'console.kubeAuthMode=impersonation']);
    const roles = atriumRoles(docs);
    expect(roles.map((r) => r.metadata.name).sort()).toEqual(['atrium-console-impersonator', 'atrium-controller', 'atrium-controller-leader', 'atrium-helm-test']);
    const unused: string[] = [];
    for (const role of roles) {
      for (const rule of role.rules as { apiGroups?: string[]; resources?: string[]; nonResourceURLs?: string[]; verbs: string[]; resourceNames?: string[] }[]) {
        for (const url of rule.nonResourceURLs ?? []) {
          if (!code.includes(`'${url.replace('/*', '')}`)) unused.push(`${role.metadata.name}: nonResourceURL ${url}`);
        }
        for (const group of rule.apiGroups ?? []) {
          for (const resource of rule.resources ?? []) {
            // "bind" on the account ClusterRoles: the names come from controller.bindableClusterRoles.
            if (rule.verbs.join() === 'bind' && rule.resourceNames?.join() === values.controller.bindableClusterRoles.join()) continue;
            if (namedInCode(group, resource, rule.verbs) || chosenByOperator(group, resource)) continue;
            unused.push(`${role.metadata.name}: ${rule.verbs.join(',')} ${resource}.${group || 'core'}`);
          }
        }
      }
    }
    expect(unused, 'rules no code path uses: remove them, or say in the chart and here why they are needed').toEqual([]);
  });

  it('would catch a grant nobody uses', async () => {
    // The same check against a rule Atrium has no reason for: it must be reported.
    expect([namedInCode('', 'nodes', ['list']), namedInCode('certificates.k8s.io', 'certificatesigningrequests', ['create']), namedInCode('', 'serviceaccounts', ['impersonate'])])
      .toEqual([false, false, false]);
  });

  it('gives the console no rights in pass-through mode, only impersonation in impersonation mode', async () => {
    const passthrough = await helmTemplate(requiredValues);
    const consoleBindings = passthrough.filter((d) => /RoleBinding$/.test(d.kind) && d.subjects?.some((s: any) => s.name === 'atrium-console'));
    expect(consoleBindings).toEqual([]);
    const impersonation = atriumRoles(await helmTemplate([...requiredValues, '--set', 'console.kubeAuthMode=impersonation']))
      .find((r) => r.metadata.name === 'atrium-console-impersonator')!;
    expect(impersonation.rules.flatMap((r: any) => r.verbs)).toEqual(['impersonate', 'impersonate']);
  });
});
