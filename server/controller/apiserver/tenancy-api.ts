import type { IncomingMessage, ServerResponse } from 'node:http';
import { recordTenancyWrite } from '../audit/record-tenancy-write';
import type { Caches } from '../caches';
import type { Logger } from '../runtime/logger';
import { handleAccounts } from './accounts-rest';
import { parseApiRequest } from './api-request';
import { createDelegatedAuthorizer } from './delegated-authorizer';
import { aggregatedContentType, aggregatedDiscovery, apiGroup, apiGroupList, apiResourceList, etagOf, negotiateDiscovery } from './discovery';
import { sendStatus } from './http-io';
import { createNamespaceAccess } from './namespace-access';
import { openApiV2, openApiV3GroupVersion, openApiV3Root } from './openapi';
import type { RequestHeaderAuthenticator } from './request-header-authenticator';
import { startWithRetry } from './start-with-retry';
import type { RestContext } from './rest-context';
import { handleSpaces } from './spaces-rest';
import {
  GROUP, VERSION, forbidden, forbiddenPath, methodNotAllowed, notAcceptable, statusOf, toStatus, unauthorized,
} from './status-errors';

/** The tenancy.kiosk.sh aggregated API of one replica. */
export interface TenancyApi {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  stop(): Promise<void>;
}

const SUPPORTED_VERBS = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']);
const READY_TIMEOUT_MS = 10_000;

/** A precomputed JSON document with its ETag, answered with 304 when the client has it. */
function cachedDoc(body: unknown, contentType = 'application/json') {
  const text = JSON.stringify(body);
  return { text, etag: etagOf(text), contentType };
}
function sendDoc(req: IncomingMessage, res: ServerResponse, doc: ReturnType<typeof cachedDoc>) {
  res.setHeader('ETag', doc.etag);
  res.setHeader('Cache-Control', 'no-cache, private');
  if (req.headers['if-none-match'] === doc.etag) {
    res.statusCode = 304;
    return void res.end();
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', doc.contentType);
  res.end(doc.text);
}

/**
 * Wires the tenancy.kiosk.sh API: front-proxy authentication, delegated
 * authorization, discovery and OpenAPI for the aggregator and kubectl, and
 * the spaces and accounts resources.
 */
export function createTenancyApi(caches: Caches, log: Logger, authenticator: RequestHeaderAuthenticator, authReady: Promise<void>): TenancyApi {
  const authorizer = createDelegatedAuthorizer();
  const access = createNamespaceAccess(authorizer, log);
  const ctx: RestContext = { caches, authorizer, access, log };
  const ready = Promise.all([
    authReady,
    startWithRetry('the RBAC informers', () => access.start(), log),
  ]).then(() => log.info('tenancy.kiosk.sh API ready'));
  const docs = {
    v2: cachedDoc(aggregatedDiscovery('v2'), aggregatedContentType('v2')),
    v2beta1: cachedDoc(aggregatedDiscovery('v2beta1'), aggregatedContentType('v2beta1')),
    legacy: cachedDoc(apiGroupList()),
    group: cachedDoc(apiGroup()),
    version: cachedDoc(apiResourceList()),
    openapiV2: cachedDoc(openApiV2()),
    openapiV3: cachedDoc(openApiV3Root()),
    openapiV3GroupVersion: cachedDoc(openApiV3GroupVersion()),
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://tenancy-api');
    const method = req.method ?? 'GET';
    const request = parseApiRequest(method, url.pathname, url.searchParams);
    if (request.type === 'health') {
      res.setHeader('Content-Type', 'text/plain');
      return void res.end('ok');
    }
    const timedOut = await Promise.race([ready.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), READY_TIMEOUT_MS).unref())]);
    if (timedOut) return sendStatus(res, statusOf(503, 'ServiceUnavailable', 'the tenancy.kiosk.sh API is starting; retry shortly'));

    const auth = authenticator.authenticate(req);
    if ('reason' in auth) {
      log.warn('tenancy.kiosk.sh request refused', { path: url.pathname, reason: auth.reason, remote: req.socket.remoteAddress });
      // a client that has the right certificate only for a newer CA must reconnect to present it
      res.setHeader('Connection', 'close');
      throw unauthorized();
    }
    const caller = auth.caller;

    if (request.type === 'discovery' || request.type === 'openapi') {
      if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed(`${method} is not supported on ${url.pathname}`);
      const d = await authorizer.authorize(caller, { nonResource: { verb: 'get', path: url.pathname } });
      if (!d.allowed) throw forbiddenPath(caller.username, 'get', url.pathname);
      if (request.type === 'openapi') {
        return sendDoc(req, res, request.doc === 'v2' ? docs.openapiV2 : request.doc === 'v3' ? docs.openapiV3 : docs.openapiV3GroupVersion);
      }
      if (request.doc === 'apis') {
        const form = negotiateDiscovery(req.headers.accept);
        if (!form) throw notAcceptable('only application/json and aggregated discovery (apidiscovery.k8s.io v2, v2beta1) are served');
        return sendDoc(req, res, docs[form]);
      }
      return sendDoc(req, res, request.doc === 'group' ? docs.group : docs.version);
    }
    if (request.type === 'unknown') return sendStatus(res, statusOf(404, 'NotFound', 'the server could not find the requested resource'));

    if (!SUPPORTED_VERBS.has(request.verb)) throw methodNotAllowed(`${method} is not supported on ${url.pathname}`);
    await recordTenancyWrite(caches, caller, request, url.searchParams, req, res, async () => {
      const decision = await authorizer.authorize(caller, { resource: { verb: request.verb, group: GROUP, version: VERSION, resource: request.resource, name: request.name } });
      if (!decision.allowed) throw forbidden(request.resource, request.name, caller.username, request.verb, decision.reason);
      const rest = { req, res, caller, verb: request.verb, name: request.name, query: url.searchParams };
      await (request.resource === 'spaces' ? handleSpaces(ctx, rest) : handleAccounts(ctx, rest));
    });
  }

  return {
    async handle(req, res) {
      try {
        await handle(req, res);
      } catch (err) {
        const status = toStatus(err);
        if (status.code >= 500) log.error('tenancy.kiosk.sh request failed', { path: req.url, error: err instanceof Error ? err.stack ?? err.message : String(err) });
        sendStatus(res, status);
      }
    },
    async stop() {
      await access.stop();
    },
  };
}
