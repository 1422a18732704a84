import { createHash } from 'node:crypto';
import { GROUP, VERSION } from './status-errors';
import { META, PREFIX, metaSchemas, tenancySchemas, type Ref } from './openapi-schemas';

type Doc = Record<string, unknown>;
type Param = { name: string; type: 'string' | 'boolean' | 'integer'; description: string };

const q = (name: string, type: Param['type'], description: string): Param => ({ name, type, description });
const LIST_PARAMS = [
  q('allowWatchBookmarks', 'boolean', 'allowWatchBookmarks requests watch events with type "BOOKMARK".'),
  q('continue', 'string', 'The continue option should be set when retrieving more results from the server.'),
  q('fieldSelector', 'string', 'A selector to restrict the list of returned objects by their fields (metadata.name).'),
  q('labelSelector', 'string', 'A selector to restrict the list of returned objects by their labels.'),
  q('limit', 'integer', 'limit is a maximum number of responses to return for a list call.'),
  q('resourceVersion', 'string', 'resourceVersion sets a constraint on what resource versions a request may be served from.'),
  q('resourceVersionMatch', 'string', 'resourceVersionMatch determines how resourceVersion is applied to list calls.'),
  q('sendInitialEvents', 'boolean', 'sendInitialEvents=true may be set together with watch=true.'),
  q('timeoutSeconds', 'integer', 'Timeout for the list/watch call.'),
  q('watch', 'boolean', 'Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.'),
];
const WRITE_PARAMS = [
  q('dryRun', 'string', 'When present, indicates that modifications should not be persisted. Valid value: All'),
  q('fieldManager', 'string', 'fieldManager is a name associated with the actor or entity that is making these changes.'),
  q('fieldValidation', 'string', 'How the server handles unknown fields in the body: Ignore, Warn (the default) or Strict.'),
];
const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'];

interface Flavor {
  ref: Ref;
  param(p: Param): Doc;
  body(schema: string, contentTypes?: string[]): { parameters?: Doc[]; requestBody?: Doc };
  response(schema: string): Doc;
}

const v2: Flavor = {
  ref: (name) => ({ $ref: `#/definitions/${name}` }),
  param: (p) => ({ name: p.name, in: 'query', type: p.type, uniqueItems: true, description: p.description }),
  body: (schema) => ({ parameters: [{ name: 'body', in: 'body', required: true, schema: { $ref: `#/definitions/${schema}` } }] }),
  response: (schema) => ({ description: 'OK', schema: { $ref: `#/definitions/${schema}` } }),
};
const v3: Flavor = {
  ref: (name) => ({ $ref: `#/components/schemas/${name}` }),
  param: (p) => ({ name: p.name, in: 'query', description: p.description, schema: { type: p.type, uniqueItems: true } }),
  body: (schema, contentTypes = ['*/*']) => ({
    requestBody: { required: true, content: Object.fromEntries(contentTypes.map((t) => [t, { schema: { $ref: `#/components/schemas/${schema}` } }])) },
  }),
  response: (schema) => ({ description: 'OK', content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } } }),
};

/** The REST paths of one resource, in either OpenAPI version. */
function resourcePaths(f: Flavor, plural: string, kind: string): Record<string, Doc> {
  const base = `/apis/${GROUP}/${VERSION}/${plural}`;
  const ext = (action: string, k = kind) => ({ 'x-kubernetes-action': action, 'x-kubernetes-group-version-kind': { group: GROUP, version: VERSION, kind: k } });
  const op = (id: string, action: string, params: Param[], responseSchema: string, extra: Doc = {}) => {
    const { parameters: bodyParams = [], ...rest } = extra as { parameters?: Doc[] };
    return {
      tags: [`tenancyKioskSh_${VERSION}`], operationId: `${id}TenancyKioskSh${VERSION[0]!.toUpperCase()}${VERSION.slice(1)}${kind}`,
      parameters: [...params.map(f.param), ...bodyParams],
      responses: { 200: f.response(responseSchema), 401: { description: 'Unauthorized' } },
      ...ext(action), ...rest,
    };
  };
  const name = { name: 'name', in: 'path', required: true, description: `name of the ${kind}`, ...(f === v2 ? { type: 'string', uniqueItems: true } : { schema: { type: 'string', uniqueItems: true } }) };
  return {
    [base]: {
      get: op('list', 'list', LIST_PARAMS, `${PREFIX}.${kind}List`),
      post: op('create', 'post', WRITE_PARAMS, `${PREFIX}.${kind}`, f.body(`${PREFIX}.${kind}`)),
    },
    [`${base}/{name}`]: {
      parameters: [name],
      get: op('read', 'get', [], `${PREFIX}.${kind}`),
      put: op('replace', 'put', WRITE_PARAMS, `${PREFIX}.${kind}`, f.body(`${PREFIX}.${kind}`)),
      patch: op('patch', 'patch', [...WRITE_PARAMS, q('force', 'boolean', 'Force is going to "force" Apply requests.')], `${PREFIX}.${kind}`,
        { ...f.body(`${META}.Patch`, PATCH_TYPES), ...(f === v2 ? { consumes: PATCH_TYPES } : {}) }),
      delete: op('delete', 'delete', [q('dryRun', 'string', 'Valid value: All'), q('gracePeriodSeconds', 'integer', 'The duration in seconds before the object should be deleted.'), q('propagationPolicy', 'string', 'Orphan, Background or Foreground.')],
        `${PREFIX}.${kind}`, f === v2 ? { parameters: [{ name: 'body', in: 'body', schema: { $ref: `#/definitions/${META}.DeleteOptions` } }] } : { requestBody: { content: { '*/*': { schema: { $ref: `#/components/schemas/${META}.DeleteOptions` } } } } }),
    },
  };
}

const info = { title: 'Atrium tenancy.kiosk.sh', version: VERSION };

/**
 * GET /openapi/v2: the aggregator downloads it (as system:aggregator) and
 * merges it into the cluster's spec, keeping the paths under
 * /apis/tenancy.kiosk.sh/v1alpha1/ and the definitions they use.
 */
export function openApiV2(): Doc {
  return {
    swagger: '2.0',
    info,
    paths: { ...resourcePaths(v2, 'spaces', 'Space'), ...resourcePaths(v2, 'accounts', 'Account') },
    definitions: tenancySchemas(v2.ref),
  };
}

/** The OpenAPI v3 document of tenancy.kiosk.sh/v1alpha1; self-contained, as kubectl explain reads it alone. */
export function openApiV3GroupVersion(): Doc {
  return {
    openapi: '3.0.0',
    info,
    paths: { ...resourcePaths(v3, 'spaces', 'Space'), ...resourcePaths(v3, 'accounts', 'Account') },
    components: { schemas: { ...metaSchemas(v3.ref), ...tenancySchemas(v3.ref) } },
  };
}

const v3Text = JSON.stringify(openApiV3GroupVersion());
/** Content hash of the v3 group-version document, used in its URL as the kube-apiserver does. */
export const openApiV3Hash = createHash('sha512').update(v3Text).digest('hex').slice(0, 128).toUpperCase();

/** GET /openapi/v3: where each group version's document is (the aggregator proxies them to us). */
export function openApiV3Root(): Doc {
  return { paths: { [`apis/${GROUP}/${VERSION}`]: { serverRelativeURL: `/openapi/v3/apis/${GROUP}/${VERSION}?hash=${openApiV3Hash}` } } };
}
