'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { accountFormProblems, accountFormValues, accountPatch, accountSpecOf, type AccountFormValues } from '@/components/accounts/account-form-model';
import { AuditUnavailableError } from '@/server/audit';
import { requireCaller, type Caller } from '@/server/auth/session';
import { configRules } from '@/server/controller/webhooks/config-rules';
import { KubeApiError, accounts, isConflict, type AccountObject } from '@/server/kube';
import { listTemplateChoices } from '@/server/queries/accounts';
import { accountFieldOf, explainAdminError } from './admin-errors';
import { auditedChange } from './audited-change';
import { fieldsInvalid, inputInvalid, objectName, type Conflict } from './edit-input';
import type { ActionResult } from './spaces';

const values = z.object({
  name: z.string().trim().max(253),
  subjects: z.array(z.object({ kind: z.enum(['User', 'Group', 'ServiceAccount']), name: z.string().max(600) })).max(500),
  limit: z.string().max(12),
  clusterRole: z.string().max(253).nullable(),
  labels: z.string().max(65_536),
  annotations: z.string().max(262_144),
  templates: z.array(z.object({
    template: z.string().max(253),
    sync: z.boolean(),
    parameters: z.record(z.string().max(253), z.string().max(65_536)),
    metadata: z.record(z.string(), z.unknown()).optional(),
  })).max(100),
  deleteSpacesOnAccountDeletion: z.boolean(),
});


/**
 * The same checks as the form, again on the server (the browser is not trusted), plus the controller's own
 * admission rules for Accounts run on the object about to be sent, so their refusal lands next to the field.
 * Template parameters are checked when the person may list Templates; otherwise the cluster has the last word.
 */
async function problemsOf(caller: Caller, v: AccountFormValues, checkName: boolean): Promise<Record<string, string[]>> {
  const offer = await listTemplateChoices(caller).catch(() => undefined);
  const defs = offer?.allowed ? Object.fromEntries(offer.templates.map((t) => [t.name, t.parameters])) : Object.fromEntries(v.templates.map((t) => [t.template, []]));
  const problems = accountFormProblems(v, defs, { checkName });
  const object = { apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name: v.name }, spec: accountSpecOf(v) };
  for (const rule of configRules) {
    const denial = await rule({ uid: '', kind: { group: 'config.kiosk.sh', version: 'v1alpha1', kind: 'Account' }, resource: { group: 'config.kiosk.sh', version: 'v1alpha1', resource: 'accounts' }, operation: 'CREATE', userInfo: { username: caller.person.username }, object });
    if (!denial) continue;
    for (const part of denial.split('; ')) {
      const path = /^([\w.[\]]+): /.exec(part)?.[1];
      const key = (path && accountFieldOf(path)) || 'form';
      (problems[key] ??= []).push(path ? part.slice(path.length + 2) : part);
    }
  }
  return problems;
}

/** Creates an Account as the person: their RBAC and the controller's webhook decide. */
export async function createAccountAction(input: AccountFormValues): Promise<ActionResult<{ name: string }>> {
  const parsed = values.safeParse(input);
  if (!parsed.success) return inputInvalid(parsed.error);
  const caller = await requireCaller('/accounts/new');
  const v = parsed.data;
  const problems = await problemsOf(caller, v, true);
  if (Object.keys(problems).length) return fieldsInvalid(problems);
  const spec = accountSpecOf(v);
  try {
    await auditedChange(caller, { action: 'account.create', target: { kind: 'Account', name: v.name, account: v.name }, summary: { name: v.name, subjects: spec.subjects?.length ?? 0, limit: spec.space?.limit, templates: v.templates.map((t) => t.template) } }, () =>
      accounts.create({ apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name: v.name }, spec }, caller.as));
  } catch (err) {
    if (err instanceof AuditUnavailableError) return { ok: false, message: err.message };
    if (err instanceof KubeApiError) return explainAdminError(err, { resource: 'accounts.config.kiosk.sh', name: v.name, verb: 'create', username: caller.person.username, fieldOf: accountFieldOf });
    throw err;
  }
  revalidatePath('/accounts');
  return { ok: true, name: v.name };
}

/**
 * Saves an edit as the person, as a merge patch guarded by the resourceVersion the page loaded: when anyone changed
 * the account since, nothing is written and the current values come back to be shown instead.
 */
export async function updateAccountAction(input: { name: string; resourceVersion: string; initial: AccountFormValues; values: AccountFormValues }): Promise<ActionResult<{ resourceVersion: string }> | Conflict<AccountFormValues>> {
  const parsed = z.object({ name: objectName, resourceVersion: z.string().min(1).max(64), initial: values, values }).safeParse(input);
  if (!parsed.success) return inputInvalid(parsed.error);
  const { name, resourceVersion } = parsed.data;
  const v = { ...parsed.data.values, name };
  const caller = await requireCaller(`/accounts/${encodeURIComponent(name)}/edit`);
  const problems = await problemsOf(caller, v, false);
  if (Object.keys(problems).length) return fieldsInvalid(problems);
  const explain = (err: KubeApiError) => explainAdminError(err, { resource: 'accounts.config.kiosk.sh', name, verb: 'update', username: caller.person.username, fieldOf: accountFieldOf });
  let current: AccountObject | undefined;
  try {
    // The patch is computed against the account as it is now; its resourceVersion must be the one the page showed.
    current = await accounts.get(name, undefined, caller.as);
  } catch (err) {
    if (err instanceof KubeApiError) return explain(err);
    throw err;
  }
  if (!current) return conflictOf(undefined, name);
  // The controller writes the account's status (its spaces) and finalizers, which moves the resourceVersion without
  // anyone changing what the form edits: that is no conflict. A change to what the form shows is.
  if (current.metadata.resourceVersion !== resourceVersion && !sameSpec(accountFormValues(current), { ...parsed.data.initial, name })) return conflictOf(current, name);
  const patch = accountPatch(accountFormValues(current), v, current.metadata.resourceVersion ?? resourceVersion);
  let saved: AccountObject;
  try {
    saved = await auditedChange(caller, { action: 'account.update', target: { kind: 'Account', name, account: name }, summary: { patch: patch.spec ?? {} } }, () =>
      accounts.patch(name, patch, { as: caller.as }));
  } catch (err) {
    if (err instanceof AuditUnavailableError) return { ok: false, message: err.message };
    if (isConflict(err)) return conflictOf(await accounts.get(name, undefined, caller.as).catch(() => undefined), name);
    if (err instanceof KubeApiError) return explain(err);
    throw err;
  }
  revalidatePath('/accounts');
  revalidatePath(`/accounts/${name}`);
  return { ok: true, resourceVersion: saved.metadata.resourceVersion ?? '' };
}

const sameSpec = (a: AccountFormValues, b: AccountFormValues) => JSON.stringify(accountSpecOf(a)) === JSON.stringify(accountSpecOf(b));

function conflictOf(current: AccountObject | undefined, name: string): Conflict<AccountFormValues> {
  if (!current) return { ok: false, conflict: { deleted: true }, message: `Account ${name} was deleted by someone else.`, hint: 'Nothing was saved. Go back to the accounts list.' };
  return {
    ok: false,
    conflict: { values: accountFormValues(current), resourceVersion: current.metadata.resourceVersion ?? '' },
    message: 'Someone else changed this account after you opened it. Nothing was saved.',
    hint: 'Its current values are shown next to yours. Start again from the current values, or leave without saving.',
  };
}

/**
 * Deletes an Account as the person, only if it is still the version the confirmation described (whether its
 * spaces go with it is part of that version).
 */
export async function deleteAccountAction(input: { name: string; resourceVersion: string }): Promise<ActionResult> {
  const parsed = z.object({ name: objectName, resourceVersion: z.string().min(1).max(64) }).safeParse(input);
  if (!parsed.success) return inputInvalid(parsed.error);
  const { name, resourceVersion } = parsed.data;
  const caller = await requireCaller(`/accounts/${encodeURIComponent(name)}`);
  try {
    const found = await auditedChange(caller, { action: 'account.delete', target: { kind: 'Account', name, account: name } }, () => accounts.delete(name, undefined, { as: caller.as, resourceVersion }),
      (existed) => (existed ? { outcome: 'done' } : { outcome: 'failed', message: `accounts.config.kiosk.sh "${name}" not found` }));
    if (!found) return { ok: false, message: `accounts.config.kiosk.sh "${name}" not found`, hint: 'It was deleted already. Go back to the accounts list.' };
  } catch (err) {
    if (err instanceof AuditUnavailableError) return { ok: false, message: err.message };
    if (isConflict(err)) return { ok: false, message: 'Someone else changed this account after you opened it. Nothing was deleted.', hint: 'Reload the page to see what it is now (including what happens to its spaces), then decide again.' };
    if (err instanceof KubeApiError) return explainAdminError(err, { resource: 'accounts.config.kiosk.sh', name, verb: 'delete', username: caller.person.username, fieldOf: accountFieldOf });
    throw err;
  }
  revalidatePath('/accounts');
  return { ok: true };
}
