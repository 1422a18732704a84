import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import type { KubeObject } from '@/server/kube';
import type { Caches } from '../caches';
import type { Logger } from '../runtime/logger';
import type { Caller } from './caller';
import type { DelegatedAuthorizer } from './delegated-authorizer';
import { parseJson, readBody } from './http-io';
import type { NamespaceAccess } from './namespace-access';
import { negotiateOutput, type Output } from './negotiate';
import { GROUP_VERSION, badRequest, notAcceptable, unsupportedMediaType } from './status-errors';

/** What the REST handlers share: informer caches, the authorizer and the namespace visibility. */
export interface RestContext {
  caches: Caches;
  authorizer: DelegatedAuthorizer;
  access: NamespaceAccess;
  log: Logger;
}

/** One authenticated, authorized resource request. */
export interface RestRequest {
  req: IncomingMessage;
  res: ServerResponse;
  caller: Caller;
  verb: string;
  name?: string;
  query: URLSearchParams;
}

/** Query parameters passed on unchanged to the underlying API call. */
export function pick(query: URLSearchParams, names: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(names.map((n) => [n, query.get(n) ?? undefined]));
}
export const LIST_QUERY = ['labelSelector', 'fieldSelector', 'limit', 'continue', 'resourceVersion', 'resourceVersionMatch', 'timeoutSeconds'] as const;
export const WATCH_QUERY = ['labelSelector', 'fieldSelector', 'resourceVersion', 'resourceVersionMatch', 'allowWatchBookmarks', 'timeoutSeconds', 'sendInitialEvents'] as const;
export const WRITE_QUERY = ['dryRun', 'fieldManager'] as const;
export const DELETE_QUERY = ['dryRun', 'gracePeriodSeconds', 'propagationPolicy', 'orphanDependents'] as const;

/** The response form, or 406. */
export function outputFor(r: RestRequest, list: boolean): Output {
  const out = negotiateOutput(r.req.headers.accept, list);
  if (!out) throw notAcceptable('only the following media types are accepted: application/json, application/json;as=Table;g=meta.k8s.io;v=v1, application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1');
  return out;
}

/** A watch of one object is a watch of the collection narrowed to its name (the old /watch/<name> form and kubectl get x -w). */
export function watchFieldSelector(r: RestRequest): string | undefined {
  const given = r.query.get('fieldSelector') ?? undefined;
  if (!r.name) return given;
  const byName = `metadata.name=${r.name}`;
  return given ? `${given},${byName}` : byName;
}

/** Reads a JSON object body of this API's kind: 415 for other media types, 400 for another kind or apiVersion. */
export async function readObject(r: RestRequest, kind: string, yamlAllowed = false): Promise<KubeObject> {
  const ct = (r.req.headers['content-type'] ?? 'application/json').split(';')[0]!.trim().toLowerCase();
  const body = await readBody(r.req);
  let value: unknown;
  if (ct === 'application/json' || ct === 'application/merge-patch+json' || ct === 'application/json-patch+json' || ct === 'application/strategic-merge-patch+json') value = parseJson(body);
  else if (yamlAllowed || ct === 'application/yaml') {
    try {
      value = parseYaml(body.toString('utf8'));
    } catch (err) {
      throw badRequest(`the request body is not valid YAML: ${err instanceof Error ? err.message : String(err)}`);
    }
  } else throw unsupportedMediaType(`the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`);
  return checkKind(value, kind);
}

/** 400 unless value is an object of this kind (kind and apiVersion may be left out). */
export function checkKind(value: unknown, kind: string): KubeObject {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw badRequest(`the body must be a ${kind} object`);
  const o = value as KubeObject;
  if (o.apiVersion !== undefined && o.apiVersion !== GROUP_VERSION) throw badRequest(`the API version in the data (${o.apiVersion}) does not match the expected API version (${GROUP_VERSION})`);
  if (o.kind !== undefined && o.kind !== kind) throw badRequest(`the kind in the data (${o.kind}) does not match the expected kind (${kind})`);
  o.metadata ??= {};
  return o;
}

/** 400 when the object's name and the URL's differ, as upstream. */
export function checkName(obj: KubeObject, name: string | undefined): void {
  if (name !== undefined && obj.metadata.name !== undefined && obj.metadata.name !== name) {
    throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`);
  }
  if (name !== undefined) obj.metadata.name = name;
}

/**
 * The body of a DELETE (DeleteOptions), when one was sent, without its
 * apiVersion: clients label it with this API's group, which the API that
 * really deletes (core namespaces, the Account CRD) would not decode.
 */
export async function readDeleteOptions(r: RestRequest): Promise<unknown> {
  const body = await readBody(r.req);
  if (!body.length) return undefined;
  const options = parseJson(body);
  if (!options || typeof options !== 'object' || Array.isArray(options)) throw badRequest('the body of a DELETE must be DeleteOptions');
  const rest = { ...(options as Record<string, unknown>) };
  delete rest.apiVersion;
  delete rest.kind;
  return rest;
}
