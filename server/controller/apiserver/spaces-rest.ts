import { randomInt } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { KubeApiError, kubeRequest, namespaces, type NamespaceObject } from '@/server/kube';
import { ACCOUNT_LABEL, changedKeys, metadataRefusalMessage, refusedSpaceMetadata, type StringMap } from '@/server/tenancy';
import { createSpace } from '@/server/use-cases/create-space';
import { spaceMetadataAllowList } from '@/server/use-cases/space-metadata-allow-list';
import { userInfoOf } from './caller';
import { enforceFieldValidation } from './field-validation';
import { listVisibleNamespaces, sameSelection } from './list-visible-namespaces';
import { isVisible } from './namespace-access';
import { parseJson, readBody, sendJson } from './http-io';
import { applyPatch, patchTypeOf } from './patch';
import {
  DELETE_QUERY, LIST_QUERY, WATCH_QUERY, WRITE_QUERY, checkKind, checkName, outputFor, pick, readDeleteOptions, readObject, watchFieldSelector,
  type RestContext, type RestRequest,
} from './rest-context';
import { namespaceApplyConfig, namespaceForUpdate, namespacePatchFor, namespaceToSpace, type Space } from './space-conversion';
import {
  GROUP, GROUP_VERSION, badRequest, conflict, forbidden, forbiddenNamespace, forbiddenSpace, fromKubeError, notFound, statusOf, ApiError,
} from './status-errors';
import { listBody, objectBody, spaceTable } from './table';
import { serveFilteredWatch } from './watch';

const NAMESPACES = '/api/v1/namespaces';
const nsPath = (name: string) => `${NAMESPACES}/${encodeURIComponent(name)}`;
const SPACE_SCHEMA = 'sh.kiosk.tenancy.v1alpha1.Space';
const MAX_PATCH_RETRIES = 5;

/** Serves tenancy.kiosk.sh/v1alpha1 spaces: a view of the namespaces the caller may get. */
export async function handleSpaces(ctx: RestContext, r: RestRequest): Promise<void> {
  switch (r.verb) {
    case 'list':
      return list(ctx, r);
    case 'get':
      return get(ctx, r);
    case 'watch':
      return watch(ctx, r);
    case 'create':
      return create(ctx, r);
    case 'update':
      return update(ctx, r);
    case 'patch':
      return patch(ctx, r);
    case 'delete':
      return remove(ctx, r);
    default:
      throw new Error(`unrouted verb ${r.verb}`);
  }
}

const includeObject = (r: RestRequest) => r.query.get('includeObject');

/** The live namespace behind a space the caller may see; 404 otherwise, so hidden spaces cannot be told from missing ones. */
async function visibleNamespace(ctx: RestContext, r: RestRequest, name: string): Promise<NamespaceObject> {
  if (!(await ctx.access.canGet(r.caller, name))) throw notFound('spaces', name);
  const ns = await namespaces.get(name).catch((e) => { throw fromKubeError(e, 'spaces', name); });
  if (!ns) throw notFound('spaces', name);
  return ns;
}

async function list(ctx: RestContext, r: RestRequest): Promise<void> {
  const output = outputFor(r, true);
  const query = pick(r.query, LIST_QUERY);
  // Most callers see what RBAC grants them: their list is read while the review of cluster-wide access is pending, and used if it agrees.
  const early = ctx.access.rbacVisibility(r.caller);
  const [visibility, guess] = await Promise.all([
    ctx.access.visibility(r.caller, 'list'),
    early.all ? undefined : listVisibleNamespaces(early, query).catch(() => undefined),
  ]);
  const { items, metadata } = guess && sameSelection(visibility, early) ? guess : await listVisibleNamespaces(visibility, query);
  sendJson(r.res, 200, listBody(output, spaceTable, { apiVersion: GROUP_VERSION, kind: 'SpaceList', metadata, items: items.map(namespaceToSpace) }, includeObject(r)));
}

async function get(ctx: RestContext, r: RestRequest): Promise<void> {
  const output = outputFor(r, false);
  const ns = await visibleNamespace(ctx, r, r.name!);
  sendJson(r.res, 200, objectBody(output, spaceTable, namespaceToSpace(ns), includeObject(r)));
}

async function watch(ctx: RestContext, r: RestRequest): Promise<void> {
  const output = outputFor(r, false);
  const start = await ctx.access.visibility(r.caller, 'watch');
  const seed = ctx.caches.namespaces.list().map((ns) => ns.metadata.name ?? '').filter((n) => start.all || start.names.has(n));
  const query = { ...pick(r.query, WATCH_QUERY), fieldSelector: watchFieldSelector(r) };
  await serveFilteredWatch<Space>(r.res, {
    resource: 'spaces',
    upstreamPath: NAMESPACES,
    query,
    convert: (o) => namespaceToSpace(o as NamespaceObject),
    visibility: async () => {
      const v = await ctx.access.visibility(r.caller, 'watch');
      return (s) => isVisible(v, s.metadata.name ?? '');
    },
    accessChanges: {
      subscribe: (onChange) => ctx.access.onAccessChange(r.caller, onChange),
      // What the caller sees now, with the watch's own selectors: the API server applies them.
      visibleNow: async () => {
        const v = await ctx.access.visibility(r.caller, 'watch');
        const { items } = await listVisibleNamespaces(v, { labelSelector: r.query.get('labelSelector') ?? undefined, fieldSelector: query.fieldSelector });
        return items.map(namespaceToSpace);
      },
      current: (name) => {
        const ns = ctx.caches.namespaces.get(name);
        return ns && namespaceToSpace(ns);
      },
    },
    seed,
    keepWhileDeleting: true,
    bookmarkKind: { apiVersion: GROUP_VERSION, kind: 'Space' },
    output,
    layout: spaceTable,
    includeObject: includeObject(r),
  }, ctx.log);
}

// Upstream's name generator alphabet (no vowels, no look-alikes).
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const generateName = (prefix: string) => `${prefix}${Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')}`;

/** Creates through the createSpace use case: membership, space limit, templates, RoleBinding. */
async function createFrom(ctx: RestContext, r: RestRequest, space: Space): Promise<void> {
  const name = space.metadata.name || (space.metadata.generateName ? generateName(space.metadata.generateName) : '');
  // The account comes from spec.account only, as in Kiosk.
  const labels = { ...space.metadata.labels };
  delete labels[ACCOUNT_LABEL];
  const result = await createSpace(
    { name, account: space.spec?.account, labels, annotations: space.metadata.annotations, dryRun: r.query.get('dryRun') === 'All' },
    userInfoOf(r.caller),
    { getAccount: (a) => ctx.caches.accounts.get(a), listAccounts: () => ctx.caches.accounts.list() },
  );
  if (!result.ok) throw new ApiError(statusOf(result.code, result.reason, result.message, { name, group: GROUP, kind: 'spaces' }));
  ctx.log.info('space created', { user: r.caller.username, space: name, account: result.namespace.metadata.labels?.[ACCOUNT_LABEL], dryRun: r.query.get('dryRun') === 'All' });
  sendJson(r.res, 201, namespaceToSpace(result.namespace));
}

async function create(ctx: RestContext, r: RestRequest): Promise<void> {
  const space = (await readObject(r, 'Space')) as Space;
  enforceFieldValidation(r.res, r.query.get('fieldValidation'), space, SPACE_SCHEMA);
  if (!space.metadata.name && !space.metadata.generateName) {
    throw new ApiError(statusOf(422, 'Invalid', 'Space.tenancy.kiosk.sh "" is invalid: metadata.name: Required value: name or generateName is required', { group: GROUP, kind: 'Space', causes: [{ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' }] }));
  }
  await createFrom(ctx, r, space);
}

/**
 * The caller's right to `verb` the namespace behind a space, decided by the cluster's authorizer exactly as a
 * request of theirs to the namespace would be (a RoleBinding inside the namespace counts). The write itself is
 * then made with Atrium's own, narrow rights: the controller impersonates nobody (docs/adr/0004).
 */
async function requireNamespaceVerb(ctx: RestContext, r: RestRequest, verb: 'update' | 'patch' | 'delete'): Promise<void> {
  const d = await ctx.authorizer.authorize(r.caller, { resource: { verb, group: '', version: 'v1', resource: 'namespaces', name: r.name, namespace: r.name } });
  if (!d.allowed) throw forbiddenNamespace(r.name!, r.caller.username, verb, d.reason);
}

/**
 * Labels and annotations a write changes must be ones a tenant may set (docs/security.md): never the reserved
 * keys (Pod Security, kubernetes.io, kiosk.sh), others only from the account's allow-list. Whoever may create
 * namespaces could set any of them anyway, so such callers (cluster admins) are not limited.
 */
async function checkMetadataChange(ctx: RestContext, r: RestRequest, current: NamespaceObject, after: { labels?: StringMap; annotations?: StringMap }): Promise<void> {
  const keys = { labels: changedKeys(current.metadata.labels, after.labels), annotations: changedKeys(current.metadata.annotations, after.annotations) };
  if (keys.labels.length === 0 && keys.annotations.length === 0) return;
  const account = current.metadata.labels?.[ACCOUNT_LABEL];
  const refusal = refusedSpaceMetadata(keys, spaceMetadataAllowList(account ? ctx.caches.accounts.get(account) : undefined));
  if (!refusal) return;
  const admin = await ctx.authorizer.authorize(r.caller, { resource: { verb: 'create', group: '', version: 'v1', resource: 'namespaces' } });
  if (!admin.allowed) throw forbiddenSpace(r.name!, metadataRefusalMessage(refusal, account));
}

/** Update: the caller needs `update` on the namespace; the labels they change must be theirs to set. */
async function update(ctx: RestContext, r: RestRequest): Promise<void> {
  const space = (await readObject(r, 'Space')) as Space;
  checkName(space, r.name);
  enforceFieldValidation(r.res, r.query.get('fieldValidation'), space, SPACE_SCHEMA);
  const current = await visibleNamespace(ctx, r, r.name!);
  await requireNamespaceVerb(ctx, r, 'update');
  const body = namespaceForUpdate(space, current);
  await checkMetadataChange(ctx, r, current, body.metadata);
  const updated = await kubeRequest<NamespaceObject>({
    method: 'PUT', path: nsPath(r.name!), body, query: pick(r.query, WRITE_QUERY),
  }).catch((e) => { throw fromKubeError(e, 'spaces', r.name); });
  ctx.log.info('space updated', { user: r.caller.username, space: r.name });
  sendJson(r.res, 200, namespaceToSpace(updated));
}

async function patch(ctx: RestContext, r: RestRequest): Promise<void> {
  const type = patchTypeOf(r.req.headers['content-type']);
  if (type === 'apply') return apply(ctx, r);
  const body = parseJson(await readBody(r.req));
  for (let attempt = 1; ; attempt++) {
    const current = await visibleNamespace(ctx, r, r.name!);
    if (attempt === 1) await requireNamespaceVerb(ctx, r, 'patch');
    const next = checkKind(applyPatch(type, namespaceToSpace(current), body), 'Space') as Space;
    if (next.metadata.name !== r.name) throw badRequest('metadata.name cannot be changed by a patch');
    const wanted = next.metadata.resourceVersion;
    if (wanted && wanted !== current.metadata.resourceVersion) throw conflict('spaces', r.name!, 'the object has been modified; please apply your changes to the latest version and try again');
    enforceFieldValidation(r.res, r.query.get('fieldValidation'), next, SPACE_SCHEMA);
    await checkMetadataChange(ctx, r, current, namespaceForUpdate(next, current).metadata);
    try {
      // the live resourceVersion is the patch's precondition: what was checked is exactly what changes
      const patched = await kubeRequest<NamespaceObject>({
        method: 'PATCH', path: nsPath(r.name!), body: namespacePatchFor(next, current), contentType: 'application/merge-patch+json',
        query: pick(r.query, WRITE_QUERY),
      });
      ctx.log.info('space patched', { user: r.caller.username, space: r.name });
      return sendJson(r.res, 200, namespaceToSpace(patched));
    } catch (e) {
      // Like upstream's GuaranteedUpdate: a patch without a resourceVersion of its own is re-applied to the newer object.
      if (e instanceof KubeApiError && e.code === 409 && !wanted && attempt < MAX_PATCH_RETRIES) continue;
      throw fromKubeError(e, 'spaces', r.name);
    }
  }
}

/**
 * Server-side apply becomes server-side apply of the Namespace with the
 * caller's field manager: ownership and conflicts are the API server's own.
 * Its outcome is first computed with a dry run, so the labels it would change
 * are checked; the real apply carries the dry run's resourceVersion, so it
 * changes exactly what was checked (or conflicts). A space that does not exist
 * yet is created through createSpace.
 */
async function apply(ctx: RestContext, r: RestRequest): Promise<void> {
  const fieldManager = r.query.get('fieldManager');
  if (!fieldManager) throw badRequest('PATCH, application/apply-patch+yaml requests must include fieldManager in the query');
  let applied: Space;
  try {
    applied = checkKind(parseYaml((await readBody(r.req)).toString('utf8')), 'Space') as Space;
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw badRequest(`the request body is not valid YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
  checkName(applied, r.name);
  enforceFieldValidation(r.res, r.query.get('fieldValidation'), applied, SPACE_SCHEMA);
  const exists = await namespaces.get(r.name!).catch((e) => { throw fromKubeError(e, 'spaces', r.name); });
  if (!exists) {
    // Creating by apply is a create: it needs that permission, not just patch.
    const d = await ctx.authorizer.authorize(r.caller, { resource: { verb: 'create', group: GROUP, version: 'v1alpha1', resource: 'spaces', name: r.name } });
    if (!d.allowed) throw forbidden('spaces', r.name, r.caller.username, 'create', d.reason);
    return createFrom(ctx, r, applied);
  }
  const current = await visibleNamespace(ctx, r, r.name!);
  await requireNamespaceVerb(ctx, r, 'patch');
  const config = namespaceApplyConfig(applied, current);
  const query = { ...pick(r.query, WRITE_QUERY), force: r.query.get('force') ?? undefined };
  const send = (body: unknown, dryRun?: string) => kubeRequest<NamespaceObject>({
    method: 'PATCH', path: nsPath(r.name!), body, contentType: 'application/apply-patch+yaml', query: { ...query, dryRun: dryRun ?? r.query.get('dryRun') ?? undefined },
  }).catch((e) => { throw fromKubeError(e, 'spaces', r.name); });
  const preview = await send(config, 'All');
  await checkMetadataChange(ctx, r, current, preview.metadata);
  const base = (config.metadata as Record<string, unknown>).resourceVersion === undefined ? current.metadata.resourceVersion : undefined;
  const patched = await send(base ? { ...config, metadata: { ...(config.metadata as object), resourceVersion: base } } : config);
  ctx.log.info('space applied', { user: r.caller.username, space: r.name });
  sendJson(r.res, 200, namespaceToSpace(patched));
}

/** Delete needs `delete` on the namespace: the built-in admin role cannot delete its namespace, kiosk-space-admin can. */
async function remove(ctx: RestContext, r: RestRequest): Promise<void> {
  const options = await readDeleteOptions(r);
  await visibleNamespace(ctx, r, r.name!);
  await requireNamespaceVerb(ctx, r, 'delete');
  const result = await kubeRequest<NamespaceObject | { kind: 'Status' }>({
    method: 'DELETE', path: nsPath(r.name!), body: options, query: pick(r.query, DELETE_QUERY),
  }).catch((e) => { throw fromKubeError(e, 'spaces', r.name); });
  ctx.log.info('space deleted', { user: r.caller.username, space: r.name, dryRun: r.query.get('dryRun') === 'All' });
  sendJson(r.res, 200, result.kind === 'Status' ? result : namespaceToSpace(result as NamespaceObject));
}
