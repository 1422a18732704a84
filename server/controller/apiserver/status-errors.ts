import { KubeApiError } from '@/server/kube';

/** The API group this server serves. */
export const GROUP = 'tenancy.kiosk.sh';
export const VERSION = 'v1alpha1';
export const GROUP_VERSION = `${GROUP}/${VERSION}`;

/** A resource of tenancy.kiosk.sh, as it appears in URLs and error texts. */
export type TenancyResource = 'spaces' | 'accounts';

/** A metav1.Status cause: one invalid field. */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

/** metav1.Status, the body of every error answer of a Kubernetes API. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[]; retryAfterSeconds?: number };
  code: number;
}

/** An error that already knows its Status; handlers throw it, the entry point sends it. */
export class ApiError extends Error {
  constructor(readonly status: Status) {
    super(status.message);
    this.name = 'ApiError';
  }
}

export function statusOf(code: number, reason: string, message: string, details?: Status['details']): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}

const fail = (code: number, reason: string, message: string, details?: Status['details']) => new ApiError(statusOf(code, reason, message, details));
const qualified = (resource: TenancyResource) => `${resource}.${GROUP}`;

/** 404 with the upstream text: `spaces.tenancy.kiosk.sh "x" not found`. */
export const notFound = (resource: TenancyResource, name: string) =>
  fail(404, 'NotFound', `${qualified(resource)} "${name}" not found`, { name, group: GROUP, kind: resource });

/**
 * 403 with the text the kube-apiserver's own authorizer would print, e.g.
 * `spaces.tenancy.kiosk.sh "x" is forbidden: User "dev" cannot create resource
 * "spaces" in API group "tenancy.kiosk.sh" at the cluster scope`.
 */
export function forbidden(resource: TenancyResource, name: string | undefined, user: string, verb: string, reason?: string) {
  const why = `User "${user}" cannot ${verb} resource "${resource}" in API group "${GROUP}" at the cluster scope${reason ? `: ${reason}` : ''}`;
  return fail(403, 'Forbidden', name ? `${qualified(resource)} "${name}" is forbidden: ${why}` : `${qualified(resource)} is forbidden: ${why}`, { name, group: GROUP, kind: resource });
}

/**
 * 403 for a space whose namespace the caller may not act on, in the text the kube-apiserver prints for the
 * namespace, renamed to the space: `spaces.tenancy.kiosk.sh "x" is forbidden: User "u" cannot patch resource
 * "namespaces" in API group "" in the namespace "x"`.
 */
export function forbiddenNamespace(name: string, user: string, verb: string, reason?: string) {
  return fail(403, 'Forbidden', `${qualified('spaces')} "${name}" is forbidden: User "${user}" cannot ${verb} resource "namespaces" in API group "" in the namespace "${name}"${reason ? `: ${reason}` : ''}`, { name, group: GROUP, kind: 'spaces' });
}

/** 403 for a write to an account the caller could not make on config.kiosk.sh, in the kube-apiserver's words. */
export function forbiddenConfigAccount(name: string | undefined, user: string, verb: string, reason?: string) {
  const why = `User "${user}" cannot ${verb} resource "accounts" in API group "config.kiosk.sh" at the cluster scope${reason ? `: ${reason}` : ''}`;
  return fail(403, 'Forbidden', name ? `${qualified('accounts')} "${name}" is forbidden: ${why}` : `${qualified('accounts')} is forbidden: ${why}`, { name, group: GROUP, kind: 'accounts' });
}

/** 403 for a space write that Atrium's own rules refuse (labels a tenant may not set). */
export const forbiddenSpace = (name: string, message: string) =>
  fail(403, 'Forbidden', `${qualified('spaces')} "${name}" is forbidden: ${message}`, { name, group: GROUP, kind: 'spaces' });

/** 403 for a path outside any resource (discovery, OpenAPI). */
export const forbiddenPath = (user: string, verb: string, path: string) =>
  fail(403, 'Forbidden', `forbidden: User "${user}" cannot ${verb} path "${path}"`);

export const unauthorized = () => fail(401, 'Unauthorized', 'Unauthorized');
export const badRequest = (message: string) => fail(400, 'BadRequest', message);
export const methodNotAllowed = (message: string) => fail(405, 'MethodNotAllowed', message);
export const notAcceptable = (message: string) => fail(406, 'NotAcceptable', message);
export const unsupportedMediaType = (message: string) => fail(415, 'UnsupportedMediaType', message);
export const conflict = (resource: TenancyResource, name: string, message: string) =>
  fail(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(resource)} "${name}": ${message}`, { name, group: GROUP, kind: resource });

/** 422 in upstream form: `Space.tenancy.kiosk.sh "x" is invalid: spec.account: Invalid value: "b": field is immutable`. */
export function invalid(kind: 'Space' | 'Account', name: string, causes: { field: string; message: string; reason?: string }[]) {
  const texts = causes.map((c) => `${c.field}: ${c.message}`);
  const joined = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  return fail(422, 'Invalid', `${kind}.${GROUP} "${name}" is invalid: ${joined}`, {
    name, group: GROUP, kind,
    causes: causes.map((c) => ({ reason: c.reason ?? 'FieldValueInvalid', message: c.message, field: c.field })),
  });
}

/**
 * An error of the API call made on the caller's behalf (a Namespace or a
 * config.kiosk.sh Account), renamed to the resource the caller asked for.
 * The rest of the text stays: a 403 then names the permission on the
 * namespace that is missing, which is what the person has to ask for.
 */
export function fromKubeError(err: unknown, resource: TenancyResource, name?: string): ApiError {
  if (err instanceof ApiError) return err;
  if (!(err instanceof KubeApiError)) return fail(500, 'InternalError', `Internal error occurred: ${err instanceof Error ? err.message : String(err)}`);
  const upstream = (err.status ?? {}) as Partial<Status>;
  let message = upstream.message ?? err.message;
  if (resource === 'spaces') message = message.replace(/\bnamespaces "/g, `${qualified('spaces')} "`).replace(/\bNamespace "/g, `Space.${GROUP} "`);
  else message = message.replace(/\baccounts\.config\.kiosk\.sh\b/g, qualified('accounts')).replace(/\bAccount\.config\.kiosk\.sh\b/g, `Account.${GROUP}`);
  const details = upstream.details ? { ...upstream.details, group: GROUP, kind: resource, ...(name ? { name } : {}) } : name ? { name, group: GROUP, kind: resource } : undefined;
  return fail(err.code, upstream.reason ?? 'InternalError', message, details);
}

/** The Status to send for anything a handler threw. */
export function toStatus(err: unknown): Status {
  if (err instanceof ApiError) return err.status;
  if (err instanceof KubeApiError) return fromKubeError(err, 'spaces').status;
  return statusOf(500, 'InternalError', 'Internal error occurred; see the Atrium controller logs');
}
