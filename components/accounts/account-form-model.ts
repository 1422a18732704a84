// The account form's values and how they map onto a config.kiosk.sh Account. Pure: shared by the form (checks while
// typing) and the server action (the same checks again, then the object or patch it sends).
import { kubeNameProblem } from '@/components/forms/kube-name';
import { paramProblems, type ParamDef } from '@/components/spaces/template-params';
import { validateRbacSubject } from '@/server/tenancy/validate-rbac-subject';
import type { AccountObject } from '@/server/kube/kiosk';
import { keyValueProblems, keyValueText, parseKeyValueLines } from './key-value-lines';

export type SubjectKind = 'User' | 'Group' | 'ServiceAccount';

export interface SubjectRow {
  kind: SubjectKind;
  /** For ServiceAccount: `namespace/name`. */
  name: string;
}

export interface MandatoryTemplateRow {
  template: string;
  sync: boolean;
  /** parameter name → value; empty values are not sent. */
  parameters: Record<string, string>;
  /** The entry's metadata as the cluster had it (name, labels), kept as it was: the form does not edit it. */
  metadata?: Record<string, unknown>;
}

export interface AccountFormValues {
  name: string;
  subjects: SubjectRow[];
  /** Most spaces; '' = no limit. */
  limit: string;
  /** ClusterRole bound in each new space: null = the default (admin), '' = no binding. */
  clusterRole: string | null;
  /** `key=value` per line. */
  labels: string;
  annotations: string;
  templates: MandatoryTemplateRow[];
  deleteSpacesOnAccountDeletion: boolean;
}

export const emptyAccountForm = (): AccountFormValues => ({
  name: '', subjects: [{ kind: 'User', name: '' }], limit: '', clusterRole: null, labels: '', annotations: '', templates: [], deleteSpacesOnAccountDeletion: false,
});

/** Field → problems. Keys: name, subjects.<i>, limit, clusterRole, labels, annotations, templates.<i>, templates.<i>.<param>. */
export type FormProblems = Record<string, string[]>;

/** Why a name cannot be an Account's (a cluster-scoped object: a DNS-1123 subdomain); undefined when it can. */
export const accountNameProblem = (name: string) => kubeNameProblem(name, 'account');

/** A subject row as an RBAC subject; a ServiceAccount's `namespace/name` is split. */
export function subjectOf(row: SubjectRow): { kind: string; name: string; namespace?: string; apiGroup?: string } {
  const name = row.name.trim();
  if (row.kind !== 'ServiceAccount') return { kind: row.kind, name, apiGroup: 'rbac.authorization.k8s.io' };
  const slash = name.indexOf('/');
  return slash < 0 ? { kind: row.kind, name } : { kind: row.kind, namespace: name.slice(0, slash), name: name.slice(slash + 1) };
}

/** The problems of one subject row, in the words of the controller's admission webhook (the same code). */
export function subjectProblems(row: SubjectRow): string[] {
  const s = subjectOf(row);
  if (row.kind === 'ServiceAccount' && !row.name.includes('/')) return ['Write a service account as namespace/name, e.g. ci/deployer.'];
  const r = validateRbacSubject(s, 'subject');
  if (r.ok) return [];
  return r.errors.map((e) => `${e.field.replace(/^subject\.?/, '') || 'subject'}: ${e.message} (${e.hint})`);
}

export function limitProblem(limit: string): string | undefined {
  const t = limit.trim();
  if (t === '') return undefined;
  if (!/^\d+$/.test(t)) return 'A whole number of spaces (0 or more), or empty for no limit.';
  if (Number(t) > 2 ** 31 - 1) return 'At most 2147483647.';
  return undefined;
}

/** Everything wrong with the form; empty when it can be sent. `templateDefs` are the parameters each Template declares. */
export function accountFormProblems(v: AccountFormValues, templateDefs: Record<string, readonly ParamDef[]>, opts: { checkName: boolean }): FormProblems {
  const out: FormProblems = {};
  const add = (k: string, m: string | undefined) => {
    if (m) (out[k] ??= []).push(m);
  };
  if (opts.checkName) add('name', accountNameProblem(v.name));
  const seen = new Set<string>();
  v.subjects.forEach((row, i) => {
    if (row.name.trim() === '' && v.subjects.length > 1) return add(`subjects.${i}`, 'Fill in a name, or remove this row.');
    if (row.name.trim() === '') return;
    for (const p of subjectProblems(row)) add(`subjects.${i}`, p);
    const key = `${row.kind}:${row.name.trim()}`;
    if (seen.has(key)) add(`subjects.${i}`, `${row.kind} ${row.name.trim()} is listed twice.`);
    seen.add(key);
  });
  add('limit', limitProblem(v.limit));
  if (v.clusterRole !== null && v.clusterRole !== '' && !/^[^/%]+$/.test(v.clusterRole)) add('clusterRole', 'A ClusterRole name may not contain “/” or “%”.');
  for (const p of keyValueProblems(v.labels, 'label')) add('labels', p);
  for (const p of keyValueProblems(v.annotations, 'annotation')) add('annotations', p);
  const templates = new Set<string>();
  v.templates.forEach((t, i) => {
    if (!t.template) return add(`templates.${i}`, 'Choose a template.');
    if (templates.has(t.template)) add(`templates.${i}`, `Template ${t.template} is listed twice.`);
    templates.add(t.template);
    const defs = templateDefs[t.template];
    if (!defs) return add(`templates.${i}`, `The cluster has no Template ${t.template}: a new space would fail. Remove it or create the Template first.`);
    for (const [param, problem] of Object.entries(paramProblems(defs, t.parameters))) add(`templates.${i}.${param}`, problem);
  });
  return out;
}

/** The Account's spec as the form describes it (for create; edits send {@link accountPatch}). */
export function accountSpecOf(v: AccountFormValues): NonNullable<AccountObject['spec']> {
  const subjects = v.subjects.filter((s) => s.name.trim() !== '').map(subjectOf);
  const labels = parseKeyValueLines(v.labels);
  const annotations = parseKeyValueLines(v.annotations);
  const space: NonNullable<AccountObject['spec']>['space'] = {};
  if (v.limit.trim() !== '') space.limit = Number(v.limit.trim());
  if (v.clusterRole !== null) space.clusterRole = v.clusterRole;
  if (v.templates.length) space.templateInstances = v.templates.map(templateInstanceOf);
  if (Object.keys(labels).length || Object.keys(annotations).length) {
    space.spaceTemplate = { metadata: { ...(Object.keys(labels).length ? { labels } : {}), ...(Object.keys(annotations).length ? { annotations } : {}) } };
  }
  if (v.deleteSpacesOnAccountDeletion) space.deleteSpacesOnAccountDeletion = true;
  return { subjects, ...(Object.keys(space).length ? { space } : {}) };
}

function templateInstanceOf(t: MandatoryTemplateRow) {
  const parameters = Object.entries(t.parameters).filter(([, value]) => value !== '').map(([name, value]) => ({ name, value }));
  return {
    ...(t.metadata && Object.keys(t.metadata).length ? { metadata: t.metadata } : {}),
    spec: { template: t.template, ...(t.sync ? { sync: true } : {}), ...(parameters.length ? { parameters } : {}) },
  };
}

/** Map entries removed between two maps become null: JSON merge patch deletes a key only when told so. */
function mapPatch(before: Record<string, string>, after: Record<string, string>): Record<string, string | null> | undefined {
  const out: Record<string, string | null> = {};
  for (const k of Object.keys(before)) if (!(k in after)) out[k] = null;
  for (const [k, val] of Object.entries(after)) if (before[k] !== val) out[k] = val;
  return Object.keys(out).length ? out : undefined;
}

/**
 * The JSON merge patch from the values the page loaded (`initial`, the object at `resourceVersion`) to the edited
 * ones. It carries metadata.resourceVersion, so the API server refuses it with 409 Conflict when anyone changed the
 * account since: nothing is overwritten unseen. Fields the form does not show (allowedLabels, other metadata) are
 * left alone because a merge patch only touches what it names.
 */
export function accountPatch(initial: AccountFormValues, next: AccountFormValues, resourceVersion: string): Record<string, unknown> {
  const a = accountSpecOf(initial);
  const b = accountSpecOf(next);
  const space: Record<string, unknown> = {};
  const sa = a.space ?? {};
  const sb = b.space ?? {};
  if (sa.limit !== sb.limit) space.limit = sb.limit ?? null;
  if (sa.clusterRole !== sb.clusterRole) space.clusterRole = sb.clusterRole ?? null;
  if (JSON.stringify(sa.templateInstances ?? []) !== JSON.stringify(sb.templateInstances ?? [])) space.templateInstances = sb.templateInstances ?? null;
  if (!!sa.deleteSpacesOnAccountDeletion !== !!sb.deleteSpacesOnAccountDeletion) space.deleteSpacesOnAccountDeletion = sb.deleteSpacesOnAccountDeletion ? true : null;
  const labels = mapPatch(sa.spaceTemplate?.metadata?.labels ?? {}, sb.spaceTemplate?.metadata?.labels ?? {});
  const annotations = mapPatch(sa.spaceTemplate?.metadata?.annotations ?? {}, sb.spaceTemplate?.metadata?.annotations ?? {});
  if (labels || annotations) space.spaceTemplate = { metadata: { ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) } };
  const spec: Record<string, unknown> = {};
  if (JSON.stringify(a.subjects) !== JSON.stringify(b.subjects)) spec.subjects = b.subjects;
  if (Object.keys(space).length) spec.space = space;
  return { metadata: { resourceVersion }, ...(Object.keys(spec).length ? { spec } : {}) };
}

/** The form's values for an Account read from the cluster. */
export function accountFormValues(a: AccountObject): AccountFormValues {
  const space = a.spec?.space;
  return {
    name: a.metadata.name ?? '',
    subjects: (a.spec?.subjects ?? []).map((s) => ({
      kind: (['User', 'Group', 'ServiceAccount'].includes(s.kind) ? s.kind : 'User') as SubjectKind,
      name: s.kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name}` : s.name,
    })),
    limit: typeof space?.limit === 'number' ? String(space.limit) : '',
    clusterRole: typeof space?.clusterRole === 'string' ? space.clusterRole : null,
    labels: keyValueText(space?.spaceTemplate?.metadata?.labels),
    annotations: keyValueText(space?.spaceTemplate?.metadata?.annotations),
    templates: (space?.templateInstances ?? []).map((t) => ({
      template: t.spec?.template ?? '',
      sync: !!t.spec?.sync,
      parameters: Object.fromEntries((t.spec?.parameters ?? []).map((p) => [p.name, p.value])),
      ...(t.metadata ? { metadata: t.metadata as Record<string, unknown> } : {}),
    })),
    deleteSpacesOnAccountDeletion: !!space?.deleteSpacesOnAccountDeletion,
  };
}

/** The values as labelled text, one entry per part of the form: what a stale edit compares with the cluster's. */
export function accountSummary(v: AccountFormValues): { label: string; text: string }[] {
  return [
    { label: 'Members', text: v.subjects.filter((s) => s.name.trim()).map((s) => `${s.kind} ${s.name.trim()}`).join('\n') },
    { label: 'Space limit', text: v.limit.trim() === '' ? 'no limit' : v.limit.trim() },
    { label: 'Space ClusterRole', text: v.clusterRole === null ? 'admin (default)' : v.clusterRole === '' ? 'no role binding' : v.clusterRole },
    { label: 'Space labels', text: keyValueText(parseKeyValueLines(v.labels)) },
    { label: 'Space annotations', text: keyValueText(parseKeyValueLines(v.annotations)) },
    {
      label: 'Mandatory templates',
      text: v.templates.map((t) => `${t.template}${t.sync ? ' (sync)' : ''}${Object.entries(t.parameters).filter(([, x]) => x !== '').map(([k, x]) => ` ${k}=${x}`).join('')}`).join('\n'),
    },
    { label: 'Delete spaces with the account', text: v.deleteSpacesOnAccountDeletion ? 'yes' : 'no' },
  ];
}
