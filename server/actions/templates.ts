'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { spaceNameProblem } from '@/components/spaces/space-name';
import { validateTemplateYaml, type TemplateDiagnostic } from '@/components/templates/validate-template-yaml';
import { AuditUnavailableError } from '@/server/audit';
import { requireCaller } from '@/server/auth/session';
import { isConflict, KubeApiError, templateInstances, templates, type TemplateObject } from '@/server/kube';
import { previewTemplate, type PreviewResult } from '@/server/queries/template-preview';
import { templateYaml } from '@/server/queries/templates';
import { auditedChange } from './audited-change';
import { explainTemplateError, type FieldCause } from './template-errors';

/** What the editor's actions answer: done; or why not, with the lines at fault, or the version someone else saved. */
export type TemplateActionResult<T = object> =
  | ({ ok: true } & T)
  | { ok: false; message: string; hint?: string; diagnostics?: TemplateDiagnostic[]; causes?: FieldCause[]; fieldErrors?: Record<string, string[]>; conflict?: { values: string; resourceVersion: string } };

/** kubectl apply's record of the last applied object: hidden in the editor, kept on save. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const k8sName = z.string().trim().min(1).max(253).regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a Kubernetes object name');
const yamlText = z.string().max(1_000_000, 'The Template is larger than 1 MB; the API server would refuse it.');
const saveInput = z.object({ name: k8sName, yaml: yamlText, resourceVersion: z.string().min(1).max(64) });
const createInput = z.object({ yaml: yamlText });
const deleteInput = z.object({ name: k8sName });
const syncInput = z.object({ namespace: k8sName, name: k8sName, sync: z.boolean() });
const previewInput = z.object({
  yaml: yamlText,
  name: k8sName.optional(),
  account: z.string().trim().min(1, 'Choose an account.').max(253),
  space: z.string().trim().superRefine((v, ctx) => {
    const problem = spaceNameProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  parameters: z.array(z.object({ name: z.string().min(1).max(253), value: z.string().max(65_536) })).max(100),
  check: z.boolean().optional(),
});

function invalid(err: z.ZodError): TemplateActionResult<never> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of err.issues) (fieldErrors[String(issue.path[0] ?? 'form')] ??= []).push(issue.message);
  return { ok: false, message: 'Check the highlighted fields.', fieldErrors };
}

function parsed(yaml: string, expectName?: string): { template: TemplateObject } | TemplateActionResult<never> {
  const checked = validateTemplateYaml(yaml, { expectName });
  if (!checked.ok) return { ok: false, message: 'The Template has errors; the marked lines say what to fix.', diagnostics: checked.diagnostics };
  return { template: checked.template as unknown as TemplateObject };
}

/**
 * Saves an edited Template as the person, only if nobody changed it since the editor loaded it: the update
 * carries the loaded resourceVersion, so the API server answers 409 to a stale edit and the admin gets the
 * current version to look at instead of overwriting it.
 */
export async function saveTemplateAction(input: { name: string; yaml: string; resourceVersion: string }): Promise<TemplateActionResult<{ resourceVersion: string; yaml: string }>> {
  const parsedInput = saveInput.safeParse(input);
  if (!parsedInput.success) return invalid(parsedInput.error);
  const { name, yaml, resourceVersion } = parsedInput.data;
  const caller = await requireCaller(`/templates/${encodeURIComponent(name)}`);
  const p = parsed(yaml, name);
  if (!('template' in p)) return p;
  try {
    // What the editor does not show is kept as it is (like kubectl edit): finalizers, owners, kubectl's
    // last-applied annotation. The update is still conditional on the version the editor loaded.
    const current = await templates.get(name, undefined, caller.as);
    if (!current) return { ok: false, message: `templates.config.kiosk.sh "${name}" not found`, hint: 'It was deleted after you opened it. Create it again from the new-template page.' };
    const lastApplied = current.metadata.annotations?.[LAST_APPLIED];
    const body: TemplateObject = {
      ...p.template,
      metadata: {
        ...p.template.metadata,
        ...(lastApplied ? { annotations: { ...(p.template.metadata.annotations ?? {}), [LAST_APPLIED]: lastApplied } } : {}),
        ...(current.metadata.finalizers ? { finalizers: current.metadata.finalizers } : {}),
        ...(current.metadata.ownerReferences ? { ownerReferences: current.metadata.ownerReferences } : {}),
        name,
        resourceVersion,
      },
    };
    const saved = await auditedChange(caller, { action: 'template.update', target: { kind: 'Template', name }, summary: { resourceVersion } }, () => templates.update(body, caller.as));
    revalidatePath('/templates');
    revalidatePath(`/templates/${name}`);
    return { ok: true, resourceVersion: saved.metadata.resourceVersion ?? '', yaml: templateYaml(saved) };
  } catch (err) {
    if (err instanceof AuditUnavailableError) return { ok: false, message: err.message };
    if (isConflict(err)) {
      const current = await templates.get(name, undefined, caller.as).catch(() => undefined);
      return {
        ok: false,
        message: `Someone else changed Template ${name} after you opened it, so your edit was not saved.`,
        hint: 'Compare your text with the current version below. Load the current version to start again from it (your changes stay in the editor until you do).',
        ...(current ? { conflict: { values: templateYaml(current), resourceVersion: current.metadata.resourceVersion ?? '' } } : {}),
      };
    }
    if (err instanceof KubeApiError) return explainTemplateError(err, { name, username: caller.person.username, verb: 'update' });
    throw err;
  }
}

/** Creates a Template as the person; the name comes from the YAML's metadata.name. */
export async function createTemplateAction(input: { yaml: string }): Promise<TemplateActionResult<{ name: string }>> {
  const parsedInput = createInput.safeParse(input);
  if (!parsedInput.success) return invalid(parsedInput.error);
  const caller = await requireCaller('/templates/new');
  const p = parsed(parsedInput.data.yaml);
  if (!('template' in p)) return p;
  const name = p.template.metadata.name!;
  const body: TemplateObject = { ...p.template, metadata: { ...p.template.metadata, resourceVersion: undefined } };
  try {
    await auditedChange(caller, { action: 'template.create', target: { kind: 'Template', name } }, () => templates.create(body, caller.as));
  } catch (err) {
    if (err instanceof AuditUnavailableError) return { ok: false, message: err.message };
    if (err instanceof KubeApiError) return explainTemplateError(err, { name, username: caller.person.username, verb: 'create' });
    throw err;
  }
  revalidatePath('/templates');
  return { ok: true, name };
}

/** Deletes a Template as the person. Spaces keep what it deployed; accounts naming it as mandatory then fail new spaces. */
export async function deleteTemplateAction(input: { name: string }): Promise<TemplateActionResult> {
  const parsedInput = deleteInput.safeParse(input);
  if (!parsedInput.success) return invalid(parsedInput.error);
  const { name } = parsedInput.data;
  const caller = await requireCaller(`/templates/${encodeURIComponent(name)}`);
  try {
    const found = await auditedChange(caller, { action: 'template.delete', target: { kind: 'Template', name } }, () => templates.delete(name, undefined, { as: caller.as }),
      (existed) => (existed ? { outcome: 'done' } : { outcome: 'failed', message: `templates.config.kiosk.sh "${name}" not found` }));
    if (!found) return { ok: false, message: `templates.config.kiosk.sh "${name}" not found`, hint: 'It may have been deleted already.' };
  } catch (err) {
    if (err instanceof AuditUnavailableError) return { ok: false, message: err.message };
    if (err instanceof KubeApiError) return explainTemplateError(err, { name, username: caller.person.username, verb: 'delete' });
    throw err;
  }
  revalidatePath('/templates');
  return { ok: true };
}

/** Turns `spec.sync` of one TemplateInstance on or off as the person: with sync, a Template change is re-applied there. */
export async function setInstanceSyncAction(input: { namespace: string; name: string; sync: boolean }): Promise<TemplateActionResult> {
  const parsedInput = syncInput.safeParse(input);
  if (!parsedInput.success) return invalid(parsedInput.error);
  const { namespace, name, sync } = parsedInput.data;
  const caller = await requireCaller('/templates');
  try {
    await auditedChange(caller, { action: 'templateinstance.update', target: { kind: 'TemplateInstance', name, space: namespace }, summary: { sync } }, () =>
      templateInstances.patch(name, { spec: { sync } }, { namespace, as: caller.as }));
  } catch (err) {
    if (err instanceof AuditUnavailableError) return { ok: false, message: err.message };
    if (err instanceof KubeApiError) return explainTemplateError(err, { name, username: caller.person.username, verb: 'patch' });
    throw err;
  }
  revalidatePath('/templates', 'layout');
  return { ok: true };
}

/** Renders the editor's text for a space name in an account, without changing anything (see previewTemplate). */
export async function previewTemplateAction(input: { yaml: string; name?: string; account: string; space: string; parameters: { name: string; value: string }[]; check?: boolean }): Promise<TemplateActionResult<Extract<PreviewResult, { ok: true }>>> {
  const parsedInput = previewInput.safeParse(input);
  if (!parsedInput.success) return invalid(parsedInput.error);
  const caller = await requireCaller(parsedInput.data.name ? `/templates/${encodeURIComponent(parsedInput.data.name)}` : '/templates/new');
  const p = parsed(parsedInput.data.yaml);
  if (!('template' in p)) return p;
  const given = parsedInput.data.parameters.filter((x) => x.value !== '');
  const result = await previewTemplate(caller, { template: p.template, account: parsedInput.data.account, space: parsedInput.data.space, parameters: given, check: parsedInput.data.check });
  if (!result.ok) return { ok: false, message: result.message, hint: result.reason ? `A TemplateInstance would fail with reason ${result.reason}.` : undefined };
  return result;
}
