import type { ApplyTemplateObjectsResult } from './apply-template-objects';

/** Lists longer than this are cut: a status message is read by people and must stay well under etcd's limits. */
const MAX_LISTED = 10;

/**
 * The status message of an apply: on success what was created, updated, left unchanged and deleted; on failure the
 * object and error first, then what had been applied before it and what was not — so that a half-applied template
 * is never left unexplained.
 */
export function describeApplyOutcome(result: ApplyTemplateObjectsResult): string {
  const applied = result.applied.map((a) => `${a.label} ${a.action}`);
  if (!result.failure) {
    const parts = [`applied ${result.applied.length} object${result.applied.length === 1 ? '' : 's'}${applied.length ? `: ${list(applied)}` : ''}`];
    if (result.deleted.length) parts.push(`deleted ${list(result.deleted)} (no longer in the template)`);
    return parts.join('; ');
  }
  const f = result.failure;
  const parts = [`${f.label}: ${f.error}`];
  parts.push(applied.length ? `applied before the failure: ${list(applied)}` : 'nothing was applied');
  if (result.deleted.length) parts.push(`deleted: ${list(result.deleted)}`);
  if (f.notApplied.length) parts.push(`not applied: ${list(f.notApplied)}`);
  if (f.notDeleted.length) parts.push(`not yet deleted (no longer in the template): ${list(f.notDeleted)}`);
  return parts.join('; ');
}

function list(items: readonly string[]): string {
  const shown = items.slice(0, MAX_LISTED).join(', ');
  return items.length > MAX_LISTED ? `${shown} and ${items.length - MAX_LISTED} more` : shown;
}
