import { afterAll, describe, expect, it } from 'vitest';
import { eventually, kubectl, kubectlOk, uniqueName } from '@/test/support/kubectl';

// The spaces a person lists must be exactly the namespaces the API server's own
// authorizer lets them get (SubjectAccessReview), whatever RBAC says it with:
// random Roles and ClusterRoles (wildcards, resourceNames, subresources, other
// verbs and groups), aggregated ClusterRoles, RoleBindings and
// ClusterRoleBindings to users, groups and service accounts — then changed at
// random, so the controller's incremental index must follow every kind of event.
// Set ATRIUM_TEST_SEED to replay a run.

const seed = Number(process.env.ATRIUM_TEST_SEED ?? Date.now() % 1_000_000);
const id = uniqueName('tv');
const nsNames = Array.from({ length: 5 }, (_, i) => `${id}-n${i}`);
const saNs = nsNames[0]!;
const users = Array.from({ length: 4 }, (_, i) => `${id}-u${i}`);
const groups = [`${id}-g0`, `${id}-g1`];
// [username, groups] as kubectl --as/--as-group send them (the API server adds system:authenticated).
const identities: [string, string[]][] = [
  [users[0]!, []],
  [users[1]!, [groups[0]!]],
  [users[2]!, [groups[0]!, groups[1]!]],
  [users[3]!, [groups[1]!]],
  [`system:serviceaccount:${saNs}:robot`, ['system:serviceaccounts', `system:serviceaccounts:${saNs}`]],
];
const clusterRoles = [`${id}-cr0`, `${id}-cr1`, `${id}-cr2`];
const aggregated = `${id}-agg`;
const parts = [`${id}-part0`, `${id}-part1`];
const aggLabel = `atrium-test/${id}`;

function rng(s: number) {
  let x = s >>> 0;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}
const r = rng(seed);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const some = <T>(xs: readonly T[], max = 2): T[] => [...new Set(Array.from({ length: 1 + Math.floor(r() * max) }, () => pick(xs)))];

const yamlList = (xs: readonly string[]) => `[${xs.map((x) => JSON.stringify(x)).join(', ')}]`;
function randomRule(): string {
  const names = r() < 0.3 ? `, resourceNames: ${yamlList(some([...nsNames, `${id}-none`]))}` : '';
  // Weighted towards rules that do grant `get namespaces`, so that most rounds have something to see.
  return `{verbs: ${yamlList(some(['get', 'get', 'list', '*', 'watch']))}, apiGroups: ${yamlList(some(['', '', '*', 'apps']))}, resources: ${yamlList(some(['namespaces', 'namespaces', '*', 'pods', 'namespaces/status']))}${names}}`;
}
function randomSubject(): string {
  const kind = pick(['User', 'Group', 'ServiceAccount']);
  if (kind === 'User') return `{kind: User, name: ${pick(users)}, apiGroup: rbac.authorization.k8s.io}`;
  if (kind === 'Group') return `{kind: Group, name: ${pick(groups)}, apiGroup: rbac.authorization.k8s.io}`;
  // Without a namespace, a ServiceAccount subject means the binding's namespace (nothing, in a ClusterRoleBinding: the API server refuses it).
  return `{kind: ServiceAccount, name: robot, namespace: ${r() < 0.7 ? saNs : pick(nsNames)}}`;
}
const clusterRole = (name: string, labels = '') => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ${name}${labels}}
rules: [${Array.from({ length: 1 + Math.floor(r() * 2) }, randomRule).join(', ')}]`;
const roleRefs = () => [...clusterRoles.map((n) => `{apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${n}}`), `{apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${aggregated}}`];
function randomBinding(i: number): { kind: string; name: string; namespace?: string; yaml: string } {
  const cluster = r() < 0.3;
  const name = `${id}-b${i}`;
  const subjects = Array.from({ length: 1 + Math.floor(r() * 2) }, randomSubject).join(', ');
  if (cluster) {
    return { kind: 'clusterrolebinding', name, yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ${name}}
roleRef: ${pick(roleRefs())}
subjects: [${subjects}]` };
  }
  const namespace = pick(nsNames);
  const roleRef = r() < 0.3 ? '{apiGroup: rbac.authorization.k8s.io, kind: Role, name: local}' : pick(roleRefs());
  return { kind: 'rolebinding', name, namespace, yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ${name}, namespace: ${namespace}}
roleRef: ${roleRef}
subjects: [${subjects}]` };
}
const localRole = (namespace: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: local, namespace: ${namespace}}
rules: [${randomRule()}]`;

const as = (user: string, gs: string[]) => [`--as=${user}`, ...gs.map((g) => `--as-group=${g}`)];
async function listed(user: string, gs: string[]): Promise<string[]> {
  const out = await kubectlOk(['get', 'spaces', '-o', 'name', ...as(user, gs)]);
  return out.split('\n').map((l) => l.replace('space.tenancy.kiosk.sh/', '')).filter((n) => nsNames.includes(n)).sort();
}
/** The API server's answers for every identity × namespace, in one kubectl call. */
async function reviewed(): Promise<string[][]> {
  const items = identities.flatMap(([user, gs]) => nsNames.map((n) => ({
    apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview',
    spec: { user, groups: [...gs, 'system:authenticated'], resourceAttributes: { verb: 'get', resource: 'namespaces', name: n, namespace: n } },
  })));
  const out = await kubectlOk(['create', '-o', 'jsonpath={.status.allowed}{"\\n"}', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
  const allowed = out.trim().split('\n').map((l) => l === 'true');
  if (allowed.length !== items.length) throw new Error(`expected ${items.length} reviews, got: ${out}`);
  return identities.map((_, u) => nsNames.filter((_, n) => allowed[u * nsNames.length + n]));
}
/** Waits until the lists agree with the reviews (both sides follow RBAC through informers), then compares them. */
async function expectListsMatchReviews(round: string) {
  let last: { want: string[][]; got: string[][] } | undefined;
  try {
    await eventually(async () => {
      const want = await reviewed();
      const got = await Promise.all(identities.map(([u, gs]) => listed(u, gs)));
      last = { want, got };
      return JSON.stringify(want) === JSON.stringify(got);
    }, `the lists to match the reviews (${round}, seed ${seed})`, 30_000);
  } catch (err) {
    if (!last) throw err;
    // otherwise fall through to the comparison, which shows the difference
  }
  const rows = (xs: string[][]) => identities.map(([u], i) => `${u}: ${xs[i]!.join(' ')}`);
  console.log(`${round}: ${rows(last!.want).join('; ')}`);
  expect(rows(last!.got), `${round}, seed ${seed}`).toEqual(rows(last!.want));
}

const bindings: ReturnType<typeof randomBinding>[] = [];
afterAll(async () => {
  await kubectl(['delete', 'namespace', ...nsNames, '--wait=false', '--ignore-not-found']);
  await kubectl(['delete', 'clusterrolebinding', '-l', `${aggLabel}-owned=true`, '--ignore-not-found']);
  await kubectl(['delete', 'clusterrole', '-l', `${aggLabel}-owned=true`, '--ignore-not-found']);
});

describe(`space lists against SubjectAccessReview, randomized (seed ${seed})`, () => {
  it('agree after random RBAC is created, and after each of three rounds of random changes', async () => {
    console.log(`visibility-randomized seed ${seed} (ATRIUM_TEST_SEED=${seed} replays it)`);
    const owned = `, labels: {${aggLabel}-owned: "true"}`;
    const docs = [
      ...nsNames.map((n) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${n}}`),
      ...clusterRoles.map((n) => clusterRole(n, owned)),
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ${aggregated}, labels: {${aggLabel}-owned: "true"}}
aggregationRule: {clusterRoleSelectors: [{matchLabels: {${aggLabel}: "true"}}]}
rules: []`,
      ...parts.map((n) => clusterRole(n, `, labels: {${aggLabel}-owned: "true"${r() < 0.6 ? `, ${aggLabel}: "true"` : ''}}`)),
      ...nsNames.filter(() => r() < 0.6).map(localRole),
      // Everyone may list spaces (as an account member may); which ones is what is tested.
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ${id}-view, labels: {${aggLabel}-owned: "true"}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: kiosk-view}
subjects: [${[...users.map((u) => `{kind: User, name: ${u}, apiGroup: rbac.authorization.k8s.io}`), `{kind: ServiceAccount, name: robot, namespace: ${saNs}}`].join(', ')}]`,
    ];
    for (let i = 0; i < 12; i++) bindings.push(randomBinding(i));
    await kubectlOk(['apply', '-f', '-'], [...docs, ...bindings.map((b) => b.yaml.replace('metadata: {name: ', `metadata: {labels: {${aggLabel}-owned: "true"}, name: `))].join('\n---\n'));
    await expectListsMatchReviews('initial');

    for (let round = 1; round <= 3; round++) {
      const changes: string[] = [];
      // Delete some bindings, replace others, add new ones; rewrite a role; move a part in or out of the aggregate.
      for (const b of bindings.splice(0, 3)) {
        await kubectlOk(['delete', b.kind, b.name, ...(b.namespace ? ['-n', b.namespace] : []), '--ignore-not-found']);
      }
      for (let i = 0; i < 4; i++) bindings.push(randomBinding(100 * round + i));
      changes.push(...bindings.slice(-4).map((b) => b.yaml.replace('metadata: {name: ', `metadata: {labels: {${aggLabel}-owned: "true"}, name: `)));
      changes.push(clusterRole(pick(clusterRoles), owned));
      changes.push(clusterRole(pick(parts), `, labels: {${aggLabel}-owned: "true"${r() < 0.5 ? `, ${aggLabel}: "true"` : ''}}`));
      changes.push(localRole(pick(nsNames)));
      await kubectlOk(['apply', '-f', '-'], changes.join('\n---\n'));
      await expectListsMatchReviews(`round ${round}`);
    }
  }, 300_000);
});
