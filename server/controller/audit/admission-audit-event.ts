import type { AuditEventInput } from '@/server/audit';
import type { AdmissionRequest } from '../webhooks/admission-review';

/** What the admission webhook knows about a request that the AdmissionRequest type leaves out. */
type WithOptions = AdmissionRequest & { options?: { fieldManager?: string } };

const KIND_ACTION: Record<string, string> = { Account: 'account', AccountQuota: 'accountquota', Template: 'template', TemplateInstance: 'templateinstance' };

/**
 * The audit event for a change to a config.kiosk.sh object that the config webhook admitted or denied, or undefined
 * when it is not recorded here: dry runs, the controller's own writes (recorded as its decisions), the API server's
 * own controllers (garbage collection of a space's instances). The console's writes are recorded too, with its field
 * manager in the summary: the console records them as the person saw them, this is the cluster's record, and a field
 * manager is a string any client may send, so skipping on it would let `kubectl --field-manager=atrium-console` pass
 * unrecorded.
 */
export function admissionAuditEvent(
  req: AdmissionRequest,
  denial: { message: string; code?: number } | undefined,
  opts: { controllerUser: string; accountOfNamespace: (ns: string) => string | undefined },
): AuditEventInput | undefined {
  const r = req as WithOptions;
  const kind = KIND_ACTION[r.kind.kind];
  if (!kind || r.kind.group !== 'config.kiosk.sh' || r.dryRun || r.operation === 'CONNECT') return undefined;
  const user = r.userInfo.username;
  if (user === opts.controllerUser || user.startsWith('system:serviceaccount:kube-system:') || user === 'system:kube-controller-manager') return undefined;
  const fieldManager = r.options?.fieldManager;

  const obj = r.operation === 'DELETE' ? r.oldObject : r.object;
  const name = r.name || obj?.metadata?.name;
  const account = r.kind.kind === 'Account' ? name
    : r.kind.kind === 'AccountQuota' ? obj?.spec?.account
      : r.kind.kind === 'TemplateInstance' && r.namespace ? opts.accountOfNamespace(r.namespace) : undefined;
  // What was asked for, without the object's bookkeeping; secrets in it are redacted by the store.
  const content = r.operation === 'DELETE' || !obj ? undefined : Object.fromEntries(
    Object.entries(obj as Record<string, unknown>).filter(([k]) => !['apiVersion', 'kind', 'metadata', 'status'].includes(k)));
  return {
    requestId: `admission:${r.uid}`,
    source: 'api',
    actor: { username: user, groups: r.userInfo.groups ?? [], via: 'api' },
    action: `${kind}.${r.operation.toLowerCase()}`,
    target: { kind: r.kind.kind, ...(name ? { name } : {}), ...(account ? { account } : {}), ...(r.namespace ? { space: r.namespace } : {}) },
    summary: { ...(content ? { object: content, labels: obj?.metadata?.labels } : {}), ...(fieldManager ? { fieldManager } : {}) },
    outcome: denial ? 'denied' : 'done',
    ...(denial ? { message: denial.message } : {}),
  };
}
