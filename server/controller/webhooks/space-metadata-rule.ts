import { accessReview } from '@/server/kube';
import { ACCOUNT_LABEL, changedKeys, metadataRefusalMessage, refusedSpaceMetadata } from '@/server/tenancy';
import { spaceMetadataAllowList } from '@/server/use-cases/space-metadata-allow-list';
import type { Caches } from '../caches';
import type { AdmissionRequest, AdmissionRule } from './admission-review';

/** Whether the requester could create namespaces, and so could give one any label anyway (cluster admins, Atrium itself). */
async function mayCreateNamespaces(req: AdmissionRequest): Promise<boolean> {
  const u = req.userInfo;
  const s = await accessReview({ user: u.username, groups: u.groups, uid: u.uid, extra: u.extra }, { resource: { verb: 'create', group: '', version: 'v1', resource: 'namespaces' } });
  return s.allowed;
}

/**
 * A tenant who may edit their space's namespace directly (a space ClusterRole with `update namespaces`) is held to
 * the same rule as a write through tenancy.kiosk.sh: the labels and annotations they change must be allowed for the
 * account, and the reserved ones — Pod Security, kubernetes.io, `kiosk.sh/account` (relabelling a space into
 * another account, or out of its account) — never are. The webhook sees namespaces with the account label before
 * or after the change (objectSelector matches either).
 */
export function spaceMetadataRule(caches: Pick<Caches, 'accounts'>): AdmissionRule {
  return async (req) => {
    if (req.resource.group !== '' || req.resource.resource !== 'namespaces' || req.subResource || req.operation !== 'UPDATE') return;
    const before = req.oldObject?.metadata ?? {};
    const after = req.object?.metadata ?? {};
    const account: string | undefined = before.labels?.[ACCOUNT_LABEL] ?? after.labels?.[ACCOUNT_LABEL];
    if (!account) return;
    const keys = { labels: changedKeys(before.labels, after.labels), annotations: changedKeys(before.annotations, after.annotations) };
    if (keys.labels.length === 0 && keys.annotations.length === 0) return;
    const refusal = refusedSpaceMetadata(keys, spaceMetadataAllowList(caches.accounts.get(account)));
    if (!refusal || (await mayCreateNamespaces(req))) return;
    return `namespace "${req.name}" is a space of account ${account}: ${metadataRefusalMessage(refusal, account)}`;
  };
}
