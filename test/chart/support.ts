import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { helmBin, root } from '@/scripts/lib/paths';
import { run } from '@/scripts/lib/proc';

export const chartDir = path.join(root, 'deploy/chart');

/** Settings every real install must give (the console's sign-in) plus the control plane's addresses. */
export const requiredValues = [
  '--set', 'console.url=https://atrium.example.com', '--set', 'console.sessionSecret.name=atrium-console-session',
  '--set', 'console.oidc.issuer=https://idp.example.com', '--set', 'console.oidc.clientId=atrium',
  '--set', 'console.oidc.clientSecret.name=atrium-console-oidc', '--set', 'webhook.controlPlaneCIDRs={10.0.0.0/16}',
];

export interface KubeDoc {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [k: string]: any;
}

/** `helm template` with the real helm; rejects with helm's message (schema errors, required values). */
export async function helmTemplate(args: string[], opts: { namespace?: string } = {}): Promise<KubeDoc[]> {
  const { stdout } = await run(helmBin, ['template', 'kiosk', chartDir, '--namespace', opts.namespace ?? 'kiosk', '--kube-version', '1.33.0', ...args]);
  return parseAllDocuments(stdout).map((d) => d.toJS() as KubeDoc).filter(Boolean);
}

/** helm's own stderr when it refuses values. */
export async function helmTemplateError(args: string[]): Promise<string> {
  try {
    await helmTemplate(args);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`helm template ${args.join(' ')} succeeded; it should have refused the values`);
}

export const find = (docs: KubeDoc[], kind: string, name: string) => {
  const d = docs.find((x) => x.kind === kind && x.metadata.name === name);
  if (!d) throw new Error(`${kind} ${name} not rendered`);
  return d;
};
