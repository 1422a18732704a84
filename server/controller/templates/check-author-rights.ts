import { accessReview, kubeRequest, type AccessReviewStatus, type NonResourceAttributes, type ReviewResourceAttributes } from '@/server/kube';
import type { JsonObject, TemplateAuthor } from '@/server/tenancy';
import type { PlannedObject } from './plan-template-objects';
import { failed, type TemplateStep } from './template-failure';

type Review = (attributes: { resource: ReviewResourceAttributes } | { nonResource: NonResourceAttributes }) => Promise<AccessReviewStatus>;
interface PolicyRule { verbs?: string[]; apiGroups?: string[]; resources?: string[]; resourceNames?: string[]; nonResourceURLs?: string[] }

const RBAC = 'rbac.authorization.k8s.io';
/** A role whose rules expand to more checks than this must be bindable (`bind`/`escalate`) outright. */
export const MAX_RULE_CHECKS = 1024;
/** Reviews in flight at once while checking a role's rules. */
const PARALLEL_REVIEWS = 16;

/**
 * Whether the author of a TemplateInstance could create every planned object themselves — the controller creates
 * them with its own rights, so without this a tenant could make it create what they may not (a RoleBinding to
 * cluster-admin, a ResourceQuota the `admin` role may not edit). For each object: `create` and `update` of it;
 * for a RoleBinding or ClusterRoleBinding also what RBAC itself demands of whoever creates one — `bind` on the
 * role, or holding every permission it grants; for a Role or ClusterRole `escalate`, or holding its rules.
 */
export async function checkAuthorRights(planned: readonly PlannedObject[], author: TemplateAuthor, namespace: string, review?: Review): Promise<TemplateStep<object>> {
  const ask: Review = review ?? ((attributes) => accessReview({ user: author.username, groups: author.groups, uid: author.uid, extra: author.extra }, attributes));
  const who = `the author of this TemplateInstance (${author.username})`;
  for (const p of planned) {
    const name = (p.applied.metadata as JsonObject).name as string;
    const ns = p.ref.namespaced ? namespace : undefined;
    const where = ns ? `in namespace ${ns}` : 'at the cluster scope';
    for (const verb of ['create', 'update']) {
      const s = await ask({ resource: { verb, group: p.ref.group, version: p.ref.version, resource: p.ref.plural, name, namespace: ns } });
      if (!s.allowed) return failed('Forbidden', `${p.label}: ${who} may not ${verb} ${p.ref.plural}${p.ref.group ? `.${p.ref.group}` : ''} ${where}; a TemplateInstance deploys only what its author could create themselves. Ask a cluster admin to create this instance, or to grant that permission`);
    }
    if (p.ref.group !== RBAC) continue;
    const kind = p.applied.kind;
    if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
      const roleRef = p.applied.roleRef as { kind?: string; name?: string } | undefined;
      const roleResource = roleRef?.kind === 'Role' ? 'roles' : 'clusterroles';
      const bind = await ask({ resource: { verb: 'bind', group: RBAC, resource: roleResource, name: roleRef?.name, namespace: ns } });
      if (bind.allowed) continue;
      const rules = await rulesOf(roleResource, roleRef?.name ?? '', ns);
      const missing = rules ? await uncovered(rules, ns, ask) : 'the role does not exist';
      if (missing) return failed('Forbidden', `${p.label}: ${who} may not bind ${roleRef?.kind ?? 'ClusterRole'} ${roleRef?.name}: they hold neither "bind" on it nor everything it grants (${missing})`);
    } else if (kind === 'Role' || kind === 'ClusterRole') {
      const escalate = await ask({ resource: { verb: 'escalate', group: RBAC, resource: kind === 'Role' ? 'roles' : 'clusterroles', name, namespace: ns } });
      if (escalate.allowed) continue;
      const missing = await uncovered((p.applied.rules ?? []) as PolicyRule[], ns, ask);
      if (missing) return failed('Forbidden', `${p.label}: ${who} may not grant what this ${kind} grants (${missing}) without holding it or "escalate" on ${kind === 'Role' ? 'roles' : 'clusterroles'}`);
    }
  }
  return { ok: true };
}

async function rulesOf(resource: 'roles' | 'clusterroles', name: string, namespace: string | undefined): Promise<PolicyRule[] | undefined> {
  const path = resource === 'roles' ? `/apis/${RBAC}/v1/namespaces/${encodeURIComponent(namespace ?? '')}/roles/${encodeURIComponent(name)}` : `/apis/${RBAC}/v1/clusterroles/${encodeURIComponent(name)}`;
  try {
    return (await kubeRequest<{ rules?: PolicyRule[] }>({ path })).rules ?? [];
  } catch (e) {
    if ((e as { code?: number }).code === 404) return undefined;
    throw e;
  }
}

/** The first permission of `rules` the author does not hold (as RBAC's escalation check asks), or undefined. */
async function uncovered(rules: readonly PolicyRule[], namespace: string | undefined, ask: Review): Promise<string | undefined> {
  const checks: ({ resource: ReviewResourceAttributes } | { nonResource: NonResourceAttributes })[] = [];
  for (const rule of rules) {
    for (const verb of rule.verbs ?? []) {
      for (const path of rule.nonResourceURLs ?? []) checks.push({ nonResource: { verb, path } });
      for (const group of rule.apiGroups ?? []) {
        for (const res of rule.resources ?? []) {
          const [resource, subresource] = res.split('/', 2) as [string, string | undefined];
          for (const name of rule.resourceNames?.length ? rule.resourceNames : [undefined]) {
            checks.push({ resource: { verb, group, resource, subresource, name, namespace } });
          }
        }
      }
    }
  }
  if (checks.length > MAX_RULE_CHECKS) return `${checks.length} permissions, more than the ${MAX_RULE_CHECKS} Atrium checks one by one`;
  for (let i = 0; i < checks.length; i += PARALLEL_REVIEWS) {
    const batch = checks.slice(i, i + PARALLEL_REVIEWS);
    const answers = await Promise.all(batch.map((c) => ask(c)));
    const at = answers.findIndex((a) => !a.allowed);
    if (at < 0) continue;
    const c = batch[at]!;
    return 'resource' in c
      ? `${c.resource.verb} ${c.resource.resource}${c.resource.subresource ? `/${c.resource.subresource}` : ''}${c.resource.group ? `.${c.resource.group}` : ''}${c.resource.name ? ` ${c.resource.name}` : ''}`
      : `${c.nonResource.verb} ${c.nonResource.path}`;
  }
  return undefined;
}
