'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { bulkConfirmText, MAX_BULK_DELETE } from '@/components/all-spaces/bulk-confirm';
import { AuditUnavailableError } from '@/server/audit';
import { requireCaller } from '@/server/auth/session';
import { KubeApiError, R, resourceClient, type KubeObject } from '@/server/kube';
import { auditedChange } from './audited-change';
import { explainSpaceError } from './space-errors';

const spaces = resourceClient<KubeObject>(R.spaces);
const k8sName = z.string().trim().min(1).max(63).regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a space name');
const input = z.object({ names: z.array(k8sName).min(1, 'Choose at least one space.').max(MAX_BULK_DELETE, `Delete at most ${MAX_BULK_DELETE} spaces at once.`), confirm: z.string() });

export interface BulkDeleteRow {
  name: string;
  ok: boolean;
  message?: string;
  hint?: string;
}

export type BulkDeleteResult = { ok: true; results: BulkDeleteRow[] } | { ok: false; message: string };

/**
 * Deletes several spaces, each one as the person through tenancy.kiosk.sh and each one in the audit trail with
 * its own outcome — the same request deleteSpaceAction makes, so RBAC decides per space and one refusal stops
 * none of the others. The typed confirmation is checked again here: it names how many spaces go.
 */
export async function bulkDeleteSpacesAction(raw: { names: string[]; confirm: string }): Promise<BulkDeleteResult> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => i.message).join(' ') };
  const names = [...new Set(parsed.data.names)];
  if (parsed.data.confirm !== bulkConfirmText(names.length)) return { ok: false, message: `Type “${bulkConfirmText(names.length)}” to confirm.` };
  const caller = await requireCaller('/all-spaces');
  const results: BulkDeleteRow[] = [];
  // One after the other: each is a namespace deletion with finalizers behind it; the API server should not get 50 at once from one click.
  for (const name of names) {
    try {
      const found = await auditedChange(caller, { action: 'space.delete', target: { kind: 'Space', name, space: name }, summary: { bulk: names.length } }, () => spaces.delete(name, undefined, { as: caller.as }),
        (existed) => (existed ? { outcome: 'done' } : { outcome: 'failed', message: `spaces.tenancy.kiosk.sh "${name}" not found` }));
      results.push(found ? { name, ok: true } : { name, ok: false, message: `spaces.tenancy.kiosk.sh "${name}" not found`, hint: 'It may have been deleted already.' });
    } catch (err) {
      if (err instanceof AuditUnavailableError) {
        // Nothing more is changed without a record: the rest are reported as not attempted.
        results.push({ name, ok: false, message: err.message });
        for (const rest of names.slice(results.length)) results.push({ name: rest, ok: false, message: 'Not attempted: the audit trail is unavailable.' });
        break;
      }
      if (err instanceof KubeApiError) {
        const e = explainSpaceError(err, { space: name, username: caller.person.username, verb: 'delete' });
        results.push({ name, ok: false, message: e.message, hint: e.hint });
      } else throw err;
    }
  }
  revalidatePath('/all-spaces');
  revalidatePath('/spaces');
  return { ok: true, results };
}
