'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { spaceNameProblem } from '@/components/spaces/space-name';
import { requireCaller } from '@/server/auth/session';
import { KubeApiError, R, resourceClient, type KubeObject, type TemplateInstanceObject } from '@/server/kube';
import { AuditUnavailableError } from '@/server/audit';
import { auditedChange } from './audited-change';
import { explainSpaceError } from './space-errors';

/** What every console action answers: done, or why not in the cluster's words plus what to do next. */
export type ActionResult<T = object> =
  | ({ ok: true } & T)
  | { ok: false; message: string; fieldErrors?: Record<string, string[]>; hint?: string };

const spaces = resourceClient<KubeObject & { spec?: { account?: string } }>(R.spaces);
const templateInstances = resourceClient<TemplateInstanceObject>(R.templateInstances);

const name = z.string().trim().superRefine((v, ctx) => {
  const problem = spaceNameProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const k8sName = z.string().trim().min(1).max(253).regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a Kubernetes object name');

const createInput = z.object({ name, account: z.string().trim().min(1, 'Choose an account.').max(253) });
const deleteInput = z.object({ name: k8sName });
const instantiateInput = z.object({
  space: k8sName,
  template: k8sName,
  parameters: z.array(z.object({ name: z.string().min(1).max(253), value: z.string().max(65_536) })).max(100),
});

function invalid(err: z.ZodError): ActionResult<never> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of err.issues) (fieldErrors[String(issue.path[0] ?? 'form')] ??= []).push(issue.message);
  return { ok: false, message: 'Check the highlighted fields.', fieldErrors };
}

/**
 * Creates a space through tenancy.kiosk.sh as the person, the same request `kubectl create -f space.yaml` makes:
 * the controller checks membership, takes a slot under the account's limit race-free, deploys the account's
 * mandatory templates and rolls everything back with Kiosk's message if one fails. The request returns when the
 * space is ready (or refused).
 */
export async function createSpaceAction(input: { name: string; account: string }): Promise<ActionResult<{ name: string }>> {
  const parsed = createInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const caller = await requireCaller('/spaces/new');
  const { name: spaceName, account } = parsed.data;
  try {
    await auditedChange(caller, { action: 'space.create', target: { kind: 'Space', name: spaceName, account, space: spaceName }, summary: { name: spaceName, account } }, () =>
      spaces.create({ apiVersion: 'tenancy.kiosk.sh/v1alpha1', kind: 'Space', metadata: { name: spaceName }, spec: { account } }, caller.as));
  } catch (err) {
    if (err instanceof AuditUnavailableError) return { ok: false, message: err.message };
    if (err instanceof KubeApiError) return explainSpaceError(err, { space: spaceName, account, username: caller.person.username, verb: 'create' });
    throw err;
  }
  revalidatePath('/spaces');
  return { ok: true, name: spaceName };
}

/**
 * Adds an optional template to a space: a TemplateInstance created in it as the person (their role in the space
 * decides), which the controller then deploys; the page follows its status.
 */
export async function instantiateTemplateAction(input: { space: string; template: string; parameters: { name: string; value: string }[] }): Promise<ActionResult<{ name: string }>> {
  const parsed = instantiateInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const caller = await requireCaller(`/spaces/${encodeURIComponent(parsed.data.space)}`);
  const { space, template, parameters } = parsed.data;
  try {
    await auditedChange(caller, { action: 'templateinstance.create', target: { kind: 'TemplateInstance', name: template, space }, summary: { template, parameters: parameters.map((p) => p.name) } }, () =>
      templateInstances.create(
        { apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'TemplateInstance', metadata: { name: template, namespace: space }, spec: { template, ...(parameters.length ? { parameters } : {}) } },
        caller.as,
      ));
  } catch (err) {
    if (err instanceof AuditUnavailableError) return { ok: false, message: err.message };
    if (err instanceof KubeApiError) return explainSpaceError(err, { space, username: caller.person.username, verb: 'instantiate', template });
    throw err;
  }
  revalidatePath(`/spaces/${space}`);
  return { ok: true, name: template };
}

/**
 * Deletes a space through tenancy.kiosk.sh as the person. Kubernetes then terminates the namespace (finalizers,
 * its objects); the page shows Terminating until it is gone. A space the person cannot see answers NotFound,
 * whatever name the browser sends.
 */
export async function deleteSpaceAction(input: { name: string }): Promise<ActionResult> {
  const parsed = deleteInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const caller = await requireCaller('/spaces');
  const spaceName = parsed.data.name;
  try {
    const found = await auditedChange(caller, { action: 'space.delete', target: { kind: 'Space', name: spaceName, space: spaceName } }, () => spaces.delete(spaceName, undefined, { as: caller.as }),
      (existed) => (existed ? { outcome: 'done' } : { outcome: 'failed', message: `spaces.tenancy.kiosk.sh "${spaceName}" not found` }));
    if (!found) {
      return { ok: false, message: `spaces.tenancy.kiosk.sh "${spaceName}" not found`, hint: 'It may have been deleted already, or you may not see it. Reload the list of your spaces.' };
    }
  } catch (err) {
    if (err instanceof AuditUnavailableError) return { ok: false, message: err.message };
    if (err instanceof KubeApiError) return explainSpaceError(err, { space: spaceName, username: caller.person.username, verb: 'delete' });
    throw err;
  }
  revalidatePath('/spaces');
  revalidatePath(`/spaces/${spaceName}`);
  return { ok: true };
}
