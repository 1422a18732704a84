import {
  KubeApiError, describeKubeError, namespaces, templateInstances, userCan, type AccountObject, type NamespaceObject,
} from '@/server/kube';
import {
  INITIALIZING_ANNOTATION, accountsOf, metadataRefusalMessage, refusedSpaceMetadata, resolveSpaceAccount, spaceLabels, spaceLimitMessage, type UserInfo,
} from '@/server/tenancy';
import { createTemplateInstances, mandatoryTemplateInstances } from './mandatory-template-instances';
import { ensureSpaceRoleBinding } from './space-role-binding';
import { spaceMetadataAllowList } from './space-metadata-allow-list';
import { releaseSpace, reserveSpace } from './space-reservation';

export interface CreateSpaceInput {
  name: string;
  /** spec.account; may be empty (resolved from membership as kiosk-api.md says). */
  account?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  dryRun?: boolean;
}

/** A failure in Kubernetes Status terms, with Kiosk's texts. */
export interface CreateSpaceFailure {
  ok: false;
  code: 400 | 403 | 404 | 409 | 422 | 500 | 504;
  reason: 'BadRequest' | 'Forbidden' | 'NotFound' | 'AlreadyExists' | 'Invalid' | 'InternalError' | 'Timeout';
  message: string;
}

export type CreateSpaceResult = { ok: true; namespace: NamespaceObject } | CreateSpaceFailure;

export interface CreateSpaceDeps {
  /** Reads accounts from the controller's informer cache. */
  getAccount(name: string): AccountObject | undefined;
  listAccounts(): readonly AccountObject[];
  /** Progress of a long create, for the console ("waiting for TemplateInstance x"). */
  onProgress?: (message: string) => void;
  /** How long mandatory templates may take (Kiosk: one minute). */
  templateTimeoutMs?: number;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const forbidden = (space: string, message: string): CreateSpaceFailure =>
  ({ ok: false, code: 403, reason: 'Forbidden', message: `spaces.tenancy.kiosk.sh "${space}" is forbidden: ${message}` });

/**
 * Creates a space for caller: checks membership, takes a space-limit slot
 * race-free, creates the namespace (marked initializing), instantiates the
 * account's mandatory templates and waits for them, binds the account's
 * subjects, and on any failure removes the namespace again — nothing
 * half-created is left behind. The caller's right to create spaces at all was
 * checked by the kube-apiserver (RBAC) before the request reached us.
 */
export async function createSpace(input: CreateSpaceInput, caller: UserInfo, deps: CreateSpaceDeps): Promise<CreateSpaceResult> {
  const name = input.name;
  if (!DNS_LABEL.test(name ?? '')) {
    return { ok: false, code: 422, reason: 'Invalid', message: `Space "${name}" is invalid: metadata.name: Invalid value: "${name}": must be a lowercase RFC 1123 label (letters, digits and '-', at most 63 characters), e.g. "team-a-dev"` };
  }
  const canCreateNamespaces = await userCan(caller, { verb: 'create', resource: 'namespaces' });
  const memberOf = accountsOf(deps.listAccounts(), caller);
  const resolved = resolveSpaceAccount({ requested: input.account, memberOf, canCreateNamespaces, username: caller.username });
  if (!resolved.ok) {
    return resolved.status === 403 ? forbidden(name, resolved.message) : { ok: false, code: 400, reason: 'BadRequest', message: resolved.message };
  }
  const account = resolved.account ? deps.getAccount(resolved.account) : undefined;
  if (resolved.account && !account) return { ok: false, code: 404, reason: 'NotFound', message: `accounts.config.kiosk.sh "${resolved.account}" not found` };
  // The namespace is created with Atrium's identity: a tenant must not get labels they could not set themselves
  // (Pod Security, network-policy selectors). Whoever may create namespaces could set them anyway.
  if (!canCreateNamespaces) {
    const refusal = refusedSpaceMetadata({ labels: Object.keys(input.labels ?? {}), annotations: Object.keys(input.annotations ?? {}) }, spaceMetadataAllowList(account));
    if (refusal) return forbidden(name, metadataRefusalMessage(refusal, resolved.account));
  }
  const meta = spaceLabels(resolved.account ?? '', account?.spec?.space?.spaceTemplate, { labels: input.labels, annotations: input.annotations });
  if (!meta.ok) return { ok: false, code: 500, reason: 'InternalError', message: `${meta.error.field}: ${meta.error.message} (${meta.error.hint})` };
  if (!resolved.account) delete meta.labels['kiosk.sh/account'];
  if (await namespaces.get(name)) return { ok: false, code: 409, reason: 'AlreadyExists', message: `spaces.tenancy.kiosk.sh "${name}" already exists` };

  const templates = account ? mandatoryTemplateInstances(account, name) : [];
  const ns: NamespaceObject = {
    apiVersion: 'v1', kind: 'Namespace',
    metadata: { name, labels: meta.labels, annotations: { ...meta.annotations, ...(templates.length ? { [INITIALIZING_ANNOTATION]: 'true' } : {}) } },
  };
  if (input.dryRun) return { ok: true, namespace: await namespaces.create(ns, undefined, true) };

  if (account) {
    const slot = await reserveSpace(account.metadata.name!, name);
    if (!slot.ok) {
      return slot.reason === 'limit'
        ? { ok: false, code: 403, reason: 'Forbidden', message: spaceLimitMessage(name, slot.limit, account.metadata.name!) }
        : { ok: false, code: 404, reason: 'NotFound', message: `accounts.config.kiosk.sh "${account.metadata.name}" not found` };
    }
  }
  let created: NamespaceObject | undefined;
  try {
    created = await namespaces.create(ns);
    if (account) {
      if (templates.length) {
        deps.onProgress?.(`instantiating ${templates.length} mandatory template(s)`);
        await createTemplateInstances(templates);
        const failure = await awaitTemplates(name, templates.map((t) => t.metadata.name!), deps);
        if (failure) {
          await rollback(name, account);
          return failure;
        }
      }
      await ensureSpaceRoleBinding(name, account);
      if (templates.length) created = await namespaces.patch(name, { metadata: { annotations: { [INITIALIZING_ANNOTATION]: null } } });
      await releaseSpace(account.metadata.name!, name).catch(() => undefined);
    }
    return { ok: true, namespace: created };
  } catch (err) {
    if (created && account) await rollback(name, account);
    else if (account) await releaseSpace(account.metadata.name!, name).catch(() => undefined);
    if (err instanceof KubeApiError && err.code === 409 && !created) return { ok: false, code: 409, reason: 'AlreadyExists', message: `spaces.tenancy.kiosk.sh "${name}" already exists` };
    return { ok: false, code: 500, reason: 'InternalError', message: `creating space ${name} failed and was rolled back: ${describeKubeError(err)}` };
  }
}

async function rollback(name: string, account: AccountObject) {
  await namespaces.delete(name).catch(() => undefined);
  await releaseSpace(account.metadata.name!, name).catch(() => undefined);
}

/** Waits until every instance is Deployed; the first Failed one ends the wait with Kiosk's message. */
async function awaitTemplates(namespace: string, names: string[], deps: CreateSpaceDeps): Promise<CreateSpaceFailure | undefined> {
  const deadline = Date.now() + (deps.templateTimeoutMs ?? 60_000);
  const pending = new Set(names);
  while (pending.size) {
    for (const n of [...pending]) {
      const ti = await templateInstances.get(n, namespace);
      if (ti?.status?.status === 'Deployed') {
        pending.delete(n);
        deps.onProgress?.(`TemplateInstance ${n} deployed`);
      } else if (ti?.status?.status === 'Failed') {
        return { ok: false, code: 500, reason: 'InternalError', message: `TemplateInstance '${n}' failed with ${ti.status.reason ?? 'Error'}: ${ti.status.message ?? ''}` };
      }
    }
    if (!pending.size) break;
    if (Date.now() > deadline) {
      return { ok: false, code: 504, reason: 'Timeout', message: `TemplateInstance '${[...pending][0]}' did not deploy within ${Math.round((deps.templateTimeoutMs ?? 60_000) / 1000)}s; the space was not created. Check the TemplateInstance's Template and the controller logs` };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return undefined;
}
