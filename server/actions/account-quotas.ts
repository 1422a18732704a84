'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { hardOf, quotaFormProblems, quotaFormValues, quotaObjectOf, quotaPatch, type QuotaFormValues } from '@/components/quotas/quota-form-model';
import { AuditUnavailableError } from '@/server/audit';
import { requireCaller } from '@/server/auth/session';
import { KubeApiError, accountQuotas, isConflict, type AccountQuotaObject } from '@/server/kube';
import { explainAdminError, quotaFieldOf } from './admin-errors';
import { auditedChange } from './audited-change';
import { fieldsInvalid, inputInvalid, objectName, type Conflict } from './edit-input';
import type { ActionResult } from './spaces';

const values = z.object({
  name: z.string().trim().max(253),
  hard: z.array(z.object({ resource: z.string().max(400), amount: z.string().max(64) })).max(200),
  scopes: z.array(z.string().max(64)).max(10),
});

const accountPath = (account: string) => `/accounts/${encodeURIComponent(account)}`;

/** Creates an AccountQuota for `account` as the person. */
export async function createAccountQuotaAction(input: { account: string; values: QuotaFormValues }): Promise<ActionResult<{ name: string }>> {
  const parsed = z.object({ account: objectName, values }).safeParse(input);
  if (!parsed.success) return inputInvalid(parsed.error);
  const { account, values: v } = parsed.data;
  const caller = await requireCaller(`${accountPath(account)}/quotas/new`);
  const problems = quotaFormProblems(v, { checkName: true });
  if (Object.keys(problems).length) return fieldsInvalid(problems);
  const object = quotaObjectOf(v, account);
  try {
    await auditedChange(caller, { action: 'accountquota.create', target: { kind: 'AccountQuota', name: v.name, account }, summary: { hard: object.spec.quota?.hard, scopes: v.scopes } }, () =>
      accountQuotas.create(object, caller.as));
  } catch (err) {
    if (err instanceof AuditUnavailableError) return { ok: false, message: err.message };
    if (err instanceof KubeApiError) {
      return explainAdminError(err, { resource: 'accountquotas.config.kiosk.sh', name: v.name, verb: 'create', username: caller.person.username, fieldOf: quotaFieldOf(v.hard.map((r) => r.resource.trim())) });
    }
    throw err;
  }
  revalidatePath(accountPath(account));
  return { ok: true, name: v.name };
}

/** Saves an edit of a quota's limits and scopes, guarded by the resourceVersion the page loaded. */
export async function updateAccountQuotaAction(input: { account: string; name: string; resourceVersion: string; initial: QuotaFormValues; values: QuotaFormValues }): Promise<ActionResult<{ resourceVersion: string }> | Conflict<QuotaFormValues>> {
  const parsed = z.object({ account: objectName, name: objectName, resourceVersion: z.string().min(1).max(64), initial: values, values }).safeParse(input);
  if (!parsed.success) return inputInvalid(parsed.error);
  const { account, name, resourceVersion } = parsed.data;
  const v = { ...parsed.data.values, name };
  const caller = await requireCaller(`${accountPath(account)}/quotas/${encodeURIComponent(name)}/edit`);
  const problems = quotaFormProblems(v, { checkName: false });
  if (Object.keys(problems).length) return fieldsInvalid(problems);
  const explain = (err: KubeApiError) =>
    explainAdminError(err, { resource: 'accountquotas.config.kiosk.sh', name, verb: 'update', username: caller.person.username, fieldOf: quotaFieldOf(v.hard.map((r) => r.resource.trim())) });
  let current: AccountQuotaObject | undefined;
  try {
    current = await accountQuotas.get(name, undefined, caller.as);
  } catch (err) {
    if (err instanceof KubeApiError) return explain(err);
    throw err;
  }
  if (!current || current.spec.account !== account) return conflictOf(undefined, name);
  // The controller writes the quota's status (usage) all the time, which moves the resourceVersion without anyone
  // changing the limits: that is no conflict. A change to the limits or scopes is.
  if (current.metadata.resourceVersion !== resourceVersion && !sameLimits(quotaFormValues(current), parsed.data.initial)) return conflictOf(current, name);
  const patch = quotaPatch(quotaFormValues(current), v, current.metadata.resourceVersion ?? resourceVersion);
  let saved: AccountQuotaObject;
  try {
    saved = await auditedChange(caller, { action: 'accountquota.update', target: { kind: 'AccountQuota', name, account }, summary: { patch: patch.spec ?? {} } }, () =>
      accountQuotas.patch(name, patch, { as: caller.as }));
  } catch (err) {
    if (err instanceof AuditUnavailableError) return { ok: false, message: err.message };
    if (isConflict(err)) return conflictOf(await accountQuotas.get(name, undefined, caller.as).catch(() => undefined), name);
    if (err instanceof KubeApiError) return explain(err);
    throw err;
  }
  revalidatePath(accountPath(account));
  return { ok: true, resourceVersion: saved.metadata.resourceVersion ?? '' };
}

const sameLimits = (a: QuotaFormValues, b: QuotaFormValues) => JSON.stringify([hardOf(a), a.scopes]) === JSON.stringify([hardOf(b), b.scopes]);

function conflictOf(current: AccountQuotaObject | undefined, name: string): Conflict<QuotaFormValues> {
  if (!current) return { ok: false, conflict: { deleted: true }, message: `AccountQuota ${name} was deleted by someone else.`, hint: 'Nothing was saved. Go back to the account.' };
  return {
    ok: false,
    conflict: { values: quotaFormValues(current), resourceVersion: current.metadata.resourceVersion ?? '' },
    message: 'Someone else changed this quota after you opened it. Nothing was saved.',
    hint: 'Its current limits are shown next to yours. Start again from the current values, or leave without saving.',
  };
}
