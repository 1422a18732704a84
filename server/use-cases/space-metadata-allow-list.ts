import { env } from '@/server/env';
import type { AccountObject } from '@/server/kube';
import type { SpaceMetadataAllowList } from '@/server/tenancy';

/** What tenants may label and annotate a space of this account with: the chart's defaults plus the Account's own. */
export function spaceMetadataAllowList(account: AccountObject | undefined): SpaceMetadataAllowList {
  const cfg = env();
  return {
    labels: [...cfg.ATRIUM_SPACE_ALLOWED_LABELS, ...(account?.spec?.space?.allowedLabels ?? [])],
    annotations: [...cfg.ATRIUM_SPACE_ALLOWED_ANNOTATIONS, ...(account?.spec?.space?.allowedAnnotations ?? [])],
  };
}
