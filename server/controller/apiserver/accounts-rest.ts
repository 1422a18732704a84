import { parse as parseYaml } from 'yaml';
import { accounts, kubeRequest, type AccountObject, type KubeObject } from '@/server/kube';
import { isAccountMember } from '@/server/tenancy';
import { userInfoOf, type Caller } from './caller';
import { parseJson, readBody, sendJson } from './http-io';
import { patchTypeOf, strategicAsMerge } from './patch';
import {
  DELETE_QUERY, LIST_QUERY, WATCH_QUERY, WRITE_QUERY, checkKind, checkName, outputFor, pick, readDeleteOptions, readObject, watchFieldSelector,
  type RestContext, type RestRequest,
} from './rest-context';
import { toConfigAccount, toTenancyAccount, type TenancyAccount } from './space-conversion';
import { GROUP_VERSION, badRequest, forbiddenConfigAccount, fromKubeError, notFound } from './status-errors';
import { accountTable, listBody, objectBody } from './table';
import { serveFilteredWatch } from './watch';

const CONFIG_ACCOUNTS = '/apis/config.kiosk.sh/v1alpha1/accounts';
const accountPath = (name: string) => `${CONFIG_ACCOUNTS}/${encodeURIComponent(name)}`;

/** Serves tenancy.kiosk.sh/v1alpha1 accounts: config.kiosk.sh Accounts, filtered to those the caller belongs to. */
export async function handleAccounts(ctx: RestContext, r: RestRequest): Promise<void> {
  switch (r.verb) {
    case 'list':
      return list(ctx, r);
    case 'get':
      return get(ctx, r);
    case 'watch':
      return watch(ctx, r);
    case 'create':
    case 'update':
    case 'patch':
    case 'delete':
      return write(ctx, r);
    default:
      throw new Error(`unrouted verb ${r.verb}`);
  }
}

const includeObject = (r: RestRequest) => r.query.get('includeObject');

/**
 * Who sees which accounts: a subject of the account sees it; whoever may list
 * config.kiosk.sh accounts (a cluster admin) sees them all.
 */
async function accountFilter(ctx: RestContext, caller: Caller): Promise<(a: AccountObject) => boolean> {
  const all = await ctx.authorizer.authorize(caller, { resource: { verb: 'list', group: 'config.kiosk.sh', version: 'v1alpha1', resource: 'accounts' } });
  if (all.allowed) return () => true;
  const user = userInfoOf(caller);
  return (a) => isAccountMember(a.spec?.subjects, user);
}

async function list(ctx: RestContext, r: RestRequest): Promise<void> {
  const output = outputFor(r, true);
  const visible = await accountFilter(ctx, r.caller);
  const upstream = await kubeRequest<{ items: AccountObject[]; metadata: { resourceVersion?: string; continue?: string } }>({
    path: CONFIG_ACCOUNTS, query: pick(r.query, LIST_QUERY),
  }).catch((e) => { throw fromKubeError(e, 'accounts'); });
  const items = upstream.items.filter(visible).map(toTenancyAccount);
  const metadata = { resourceVersion: upstream.metadata.resourceVersion, ...(upstream.metadata.continue ? { continue: upstream.metadata.continue } : {}) };
  sendJson(r.res, 200, listBody(output, accountTable, { apiVersion: GROUP_VERSION, kind: 'AccountList', metadata, items }, includeObject(r)));
}

async function get(ctx: RestContext, r: RestRequest): Promise<void> {
  const output = outputFor(r, false);
  const account = await accounts.get(r.name!).catch((e) => { throw fromKubeError(e, 'accounts', r.name); });
  if (!account) throw notFound('accounts', r.name!);
  if (!isAccountMember(account.spec?.subjects, userInfoOf(r.caller))) {
    const d = await ctx.authorizer.authorize(r.caller, { resource: { verb: 'get', group: 'config.kiosk.sh', version: 'v1alpha1', resource: 'accounts', name: r.name } });
    if (!d.allowed) throw notFound('accounts', r.name!);
  }
  sendJson(r.res, 200, objectBody(output, accountTable, toTenancyAccount(account), includeObject(r)));
}

async function watch(ctx: RestContext, r: RestRequest): Promise<void> {
  const output = outputFor(r, false);
  const start = await accountFilter(ctx, r.caller);
  await serveFilteredWatch<TenancyAccount>(r.res, {
    resource: 'accounts',
    upstreamPath: CONFIG_ACCOUNTS,
    query: { ...pick(r.query, WATCH_QUERY), fieldSelector: watchFieldSelector(r) },
    convert: (o) => toTenancyAccount(o as AccountObject),
    visibility: () => accountFilter(ctx, r.caller),
    seed: ctx.caches.accounts.list().filter(start).map((a) => a.metadata.name ?? ''),
    keepWhileDeleting: false,
    bookmarkKind: { apiVersion: GROUP_VERSION, kind: 'Account' },
    output,
    layout: accountTable,
    includeObject: includeObject(r),
  }, ctx.log);
}

/**
 * The caller's right to `verb` the config.kiosk.sh Account: writes through
 * tenancy.kiosk.sh need exactly what a write to config.kiosk.sh would
 * (Kiosk wrote with its own cluster-admin identity and checked nothing).
 */
async function requireConfigVerb(ctx: RestContext, r: RestRequest, verb: string): Promise<void> {
  const d = await ctx.authorizer.authorize(r.caller, { resource: { verb, group: 'config.kiosk.sh', version: 'v1alpha1', resource: 'accounts', name: r.name } });
  if (!d.allowed) throw forbiddenConfigAccount(r.name, r.caller.username, verb, d.reason);
}

/**
 * Writes go to the config.kiosk.sh Account they are: the cluster's authorizer
 * decides whether the caller may make them on config.kiosk.sh, then the
 * controller makes them with its own rights (it impersonates nobody), and the
 * config webhook validates them.
 */
async function write(ctx: RestContext, r: RestRequest): Promise<void> {
  const verb = r.verb === 'patch' && patchTypeOf(r.req.headers['content-type']) === 'apply' && !ctx.caches.accounts.get(r.name ?? '') ? 'create' : r.verb;
  await requireConfigVerb(ctx, r, verb);
  const query = { ...pick(r.query, WRITE_QUERY), fieldValidation: r.query.get('fieldValidation') ?? undefined };
  const send = (code: number) => (a: AccountObject) => sendJson(r.res, code, toTenancyAccount(a));
  const fail = (e: unknown) => { throw fromKubeError(e, 'accounts', r.name); };
  switch (r.verb) {
    case 'create': {
      const body = toConfigAccount(await readObject(r, 'Account'));
      return kubeRequest<AccountObject>({ method: 'POST', path: CONFIG_ACCOUNTS, body, query }).then(send(201), fail);
    }
    case 'update': {
      const obj = await readObject(r, 'Account');
      checkName(obj, r.name);
      return kubeRequest<AccountObject>({ method: 'PUT', path: accountPath(r.name!), body: toConfigAccount(obj), query }).then(send(200), fail);
    }
    case 'patch': {
      const type = patchTypeOf(r.req.headers['content-type']);
      const raw = await readBody(r.req);
      let body: unknown;
      let contentType: string;
      if (type === 'apply') {
        let applied: KubeObject;
        try {
          applied = checkKind(parseYaml(raw.toString('utf8')), 'Account');
        } catch (err) {
          if (err instanceof Error && err.name === 'ApiError') throw err;
          throw badRequest(`the request body is not valid YAML: ${err instanceof Error ? err.message : String(err)}`);
        }
        checkName(applied, r.name);
        body = toConfigAccount(applied);
        contentType = 'application/apply-patch+yaml';
        Object.assign(query, { force: r.query.get('force') ?? undefined });
      } else if (type === 'json') {
        body = parseJson(raw);
        contentType = 'application/json-patch+json';
      } else {
        // Custom resources take no strategic merge patch; without merge keys in the schema it is a merge patch.
        const p = parseJson(raw);
        body = type === 'strategic' ? strategicAsMerge(p) : p;
        if (body && typeof body === 'object' && 'apiVersion' in body) (body as Record<string, unknown>).apiVersion = 'config.kiosk.sh/v1alpha1';
        contentType = 'application/merge-patch+json';
      }
      return kubeRequest<AccountObject>({ method: 'PATCH', path: accountPath(r.name!), body, contentType, query }).then(send(200), fail);
    }
    case 'delete': {
      const options = await readDeleteOptions(r);
      const result = await kubeRequest<AccountObject | { kind: 'Status' }>({ method: 'DELETE', path: accountPath(r.name!), body: options, query: pick(r.query, DELETE_QUERY) }).catch(fail);
      ctx.log.info("account deleted", { user: r.caller.username, account: r.name });
      return sendJson(r.res, 200, result.kind === 'Status' ? result : toTenancyAccount(result as AccountObject));
    }
  }
}
