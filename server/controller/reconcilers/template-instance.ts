import { env } from '@/server/env';
import {
  isNotFound, templateInstances, whoAmI, type NamespaceObject, type TemplateInstanceObject, type TemplateInstanceStatus, type TemplateObject,
} from '@/server/kube';
import {
  ACCOUNT_LABEL, AUTHOR_ANNOTATION, namingParametersOf, parametersNamingObjects, parseAuthor, type JsonObject, type TemplateContext,
} from '@/server/tenancy';
import { recordTemplateOutcome } from '../audit/decision-events';
import type { Caches } from '../caches';
import type { ReconcileResult } from '../runtime/controller';
import { deepEqual } from '../runtime/deep-equal';
import { applyTemplateObjects } from '../templates/apply-template-objects';
import { checkAuthorRights } from '../templates/check-author-rights';
import { describeApplyOutcome } from '../templates/describe-apply-outcome';
import { failureBackoffMs, generationOf, nextInstanceStep, type InstanceMemory } from '../templates/next-instance-step';
import { planTemplateObjects, type PlannedObject } from '../templates/plan-template-objects';
import { renderHelmChart, type RenderHelmChartInput } from '../templates/render-helm-chart';
import { renderTemplateObjects } from '../templates/render-template-objects';
import type { TemplateFailure } from '../templates/template-failure';
import { decodeTemplateManifests, encodeTemplateManifests } from '../templates/template-manifests';

/** helm runs inside the controller: bounded so that a slow repository or a huge chart cannot stall a worker. */
const HELM_LIMITS = { timeoutMs: 60_000, maxOutputBytes: 5 * 1024 * 1024 };
/** status.templateManifests must leave the TemplateInstance well inside etcd's 1.5 MiB object limit. */
const MAX_STORED_MANIFESTS_BYTES = 1024 * 1024;

const memories = new Map<string, InstanceMemory>();
const renderHelm = (input: RenderHelmChartInput) => renderHelmChart(input, { helmBin: env().ATRIUM_HELM_BIN, tmpDir: env().ATRIUM_TMP_DIR, ...HELM_LIMITS });

/**
 * Deploys one TemplateInstance (`namespace/name`): renders its Template, applies the objects into its namespace
 * (three-way merge against what was applied before, deleting what the template no longer renders) and records the
 * outcome in its status, written only when it changed. Failed instances are retried with back-off.
 */
export async function reconcileTemplateInstance(c: Caches, key: string): Promise<ReconcileResult> {
  const [namespace = '', name = ''] = key.split('/');
  const instance = c.templateInstances.get(name, namespace);
  if (!instance || instance.metadata.deletionTimestamp) {
    memories.delete(key); // what it deployed is garbage-collected through the owner references
    return;
  }
  const ns = c.namespaces.get(namespace);
  if (ns?.metadata.deletionTimestamp) return; // nothing can be created in a terminating namespace
  const template = c.templates.get(instance.spec.template);
  const templateVersion = template?.metadata.resourceVersion;
  const memory = memories.get(key);
  const step = nextInstanceStep(instance, templateVersion, memory, Date.now());
  if (step.kind === 'skip') return;
  if (step.kind === 'wait') return { requeueAfterMs: step.ms };

  const next = template
    ? await deploy(c, instance, template, ns, step.onlyIfChanged)
    : failedStatus(instance, { reason: 'TemplateNotFound', message: `The specified template '${instance.spec.template}' couldn't be found.` });
  const remembered = { uid: instance.metadata.uid!, generation: generationOf(instance), templateResourceVersion: templateVersion ?? '' };
  if (next) await writeStatus(instance, next, ns?.metadata.labels?.[ACCOUNT_LABEL]);
  if (next?.status !== 'Failed') {
    memories.set(key, { ...remembered, failures: 0 });
    return;
  }
  const sameAttempt = memory?.uid === remembered.uid && memory.generation === remembered.generation && memory.templateResourceVersion === remembered.templateResourceVersion;
  const failures = (sameAttempt ? memory.failures : 0) + 1;
  const delay = failureBackoffMs(failures);
  memories.set(key, { ...remembered, failures, retryAt: Date.now() + delay });
  return { requeueAfterMs: delay };
}

/** The status after deploying, or undefined when a sync check found nothing to change. */
async function deploy(c: Caches, instance: TemplateInstanceObject, template: TemplateObject, ns: NamespaceObject | undefined, onlyIfChanged: boolean): Promise<TemplateInstanceStatus | undefined> {
  const rendered = await renderTemplateObjects(template, instance, contextOf(c, instance, ns), renderHelm);
  if (!rendered.ok) return failedStatus(instance, rendered.failure);
  const plan = await planTemplateObjects(rendered.objects, instance, template);
  if (!plan.ok) return failedStatus(instance, plan.failure);

  let last: JsonObject[] = [];
  try {
    last = decodeTemplateManifests(instance.status?.templateManifests);
  } catch {
    // Unreadable (hand-edited) status: apply as a first apply — nothing is removed or deleted, nothing is lost.
  }
  const desired = plan.planned.map((p) => p.applied);
  if (onlyIfChanged && deepEqual(desired, last)) return undefined;
  const templateManifests = encodeTemplateManifests(desired);
  if (templateManifests.length > MAX_STORED_MANIFESTS_BYTES) {
    return failedStatus(instance, { reason: 'TemplateTooLarge', message: `the rendered objects take ${Math.ceil(templateManifests.length / 1024)} KiB compressed, more than status.templateManifests can hold (${MAX_STORED_MANIFESTS_BYTES / 1024} KiB); split the Template` });
  }
  const refusal = await authorRefusal(c, instance, template, ns, plan.planned);
  if (refusal) return failedStatus(instance, { reason: 'Forbidden', message: refusal });

  const result = await applyTemplateObjects(plan.planned, last, [instance.metadata.uid!, template.metadata.uid!]);
  const message = describeApplyOutcome(result);
  if (result.failure) return failedStatus(instance, { reason: 'ApplyManifests', message }, encodeTemplateManifests(result.record));
  return { status: 'Deployed', message, templateResourceVersion: template.metadata.resourceVersion, templateManifests, observedAt: now() };
}

/**
 * Why the controller must not deploy these objects for this instance, or undefined. The controller applies with
 * its own rights, so an instance is deployed only with what its author could create: the author of its spec
 * (recorded by the template-instance-author webhook) is checked object by object, and may not name objects with
 * parameters the Template does not allow to. Instances the controller wrote itself — an Account's mandatory
 * templates, which a cluster admin defined — are applied with the controller's rights, as are mandatory
 * instances made before authors were recorded.
 */
async function authorRefusal(c: Caches, instance: TemplateInstanceObject, template: TemplateObject, ns: NamespaceObject | undefined, planned: readonly PlannedObject[]): Promise<string | undefined> {
  const author = parseAuthor(instance.metadata.annotations?.[AUTHOR_ANNOTATION]);
  if (!author) {
    if (isMandatory(c, instance, ns)) return undefined;
    return `this TemplateInstance has no recorded author (annotation ${AUTHOR_ANNOTATION}, set by Atrium's webhook), so Atrium cannot tell whose rights to deploy it with; it was made before Atrium recorded authors or while the webhook was not registered. Re-apply its spec (any update records you as its author)`;
  }
  if (author.username === (await whoAmI())) return undefined;
  const uses = parametersNamingObjects(template.resources?.manifests ?? [], template.parameters ?? [], instance.spec.parameters ?? [], namingParametersOf(template.metadata.annotations));
  if (uses.length > 0) {
    const u = uses[0]!;
    return `parameter ${u.parameter} would set ${u.field}: the values an instance gives may not decide an object's kind, name or namespace. Leave ${u.parameter} to its default, or have a cluster admin list it in the Template's annotation atrium.kiosk.sh/naming-parameters`;
  }
  const rights = await checkAuthorRights(planned, author, instance.metadata.namespace!);
  return rights.ok ? undefined : rights.failure.message;
}

/** Whether the instance is one of the mandatory TemplateInstances the namespace's Account defines. */
function isMandatory(c: Caches, instance: TemplateInstanceObject, ns: NamespaceObject | undefined): boolean {
  const account = ns?.metadata.labels?.[ACCOUNT_LABEL];
  const defined = account ? c.accounts.get(account)?.spec?.space?.templateInstances ?? [] : [];
  return defined.some((ti) => (ti.metadata?.name ?? ti.spec.template) === instance.metadata.name && ti.spec.template === instance.spec.template);
}

/** Failed keeps the last deployed templateResourceVersion (as Kiosk did) and records what is actually deployed. */
function failedStatus(instance: TemplateInstanceObject, failure: TemplateFailure, templateManifests = instance.status?.templateManifests): TemplateInstanceStatus {
  return { status: 'Failed', ...failure, templateResourceVersion: instance.status?.templateResourceVersion, templateManifests, observedAt: now() };
}

/** Predefined parameters resolve against the namespace and the account named by its label, from the caches. */
function contextOf(c: Caches, instance: TemplateInstanceObject, ns: NamespaceObject | undefined): TemplateContext {
  const accountName = ns?.metadata.labels?.[ACCOUNT_LABEL];
  const account = accountName ? c.accounts.get(accountName) : undefined;
  return {
    namespace: { name: instance.metadata.namespace!, labels: ns?.metadata.labels, annotations: ns?.metadata.annotations },
    account: accountName ? { name: accountName, labels: account?.metadata.labels, annotations: account?.metadata.annotations } : null,
  };
}

/** Writes status unless only observedAt would change, so a repeated identical failure does not feed itself events. */
async function writeStatus(instance: TemplateInstanceObject, next: TemplateInstanceStatus, account: string | undefined): Promise<void> {
  if (deepEqual(comparable(instance.status ?? {}), comparable(next))) return;
  try {
    const written = await templateInstances.updateStatus({ ...instance, status: next });
    recordTemplateOutcome(instance, next, written, account);
  } catch (err) {
    if (!isNotFound(err)) throw err; // deleted meanwhile: nothing to report to
  }
}

/** Status without observedAt and empty fields: what decides whether a write is worth it. */
const comparable = (s: TemplateInstanceStatus) => Object.fromEntries(Object.entries(s).filter(([k, v]) => k !== 'observedAt' && v !== undefined && v !== ''));

/** RFC 3339 with second precision, as Kubernetes writes metav1.Time. */
const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
