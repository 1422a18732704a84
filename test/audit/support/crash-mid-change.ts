// Run as a child process by database-down.integration.test.ts: makes one audited change and is killed (SIGKILL) right
// after the cluster took it, before its outcome could be recorded — the crash the spool's intents exist for.
import { createAuditStore } from '@/server/audit';
import { kubeRequest } from '@/server/kube';

const [databaseUrl, spoolDir, namespace, name] = process.argv.slice(2) as [string, string, string, string];
const store = createAuditStore({ databaseUrl, spoolDir, log: () => undefined });
await store.withAudit(
  { requestId: `${namespace}-${name}`, source: 'console', actor: { username: 'alice', groups: ['team-a'], via: 'oidc' }, action: 'configmap.create',
    target: { kind: 'ConfigMap', name, space: namespace } },
  async () => {
    await kubeRequest({ method: 'POST', path: `/api/v1/namespaces/${namespace}/configmaps`, body: { metadata: { name }, data: { crashed: 'yes' } } });
    process.kill(process.pid, 'SIGKILL');
    await new Promise(() => undefined);
  },
);
