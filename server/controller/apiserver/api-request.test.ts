import { describe, expect, it } from 'vitest';
import { parseApiRequest } from './api-request';

const b = '/apis/tenancy.kiosk.sh/v1alpha1';
const p = (method: string, url: string) => {
  const u = new URL(url, 'https://x');
  return parseApiRequest(method, u.pathname, u.searchParams);
};

describe('parseApiRequest', () => {
  it.each([
    ['GET', '/healthz', { type: 'health' }],
    ['GET', '/readyz/ping', { type: 'health' }],
    ['GET', '/apis', { type: 'discovery', doc: 'apis' }],
    ['GET', '/apis/tenancy.kiosk.sh', { type: 'discovery', doc: 'group' }],
    ['GET', `${b}/`, { type: 'discovery', doc: 'version' }],
    ['GET', '/openapi/v2', { type: 'openapi', doc: 'v2' }],
    ['GET', '/openapi/v3', { type: 'openapi', doc: 'v3' }],
    ['GET', '/openapi/v3/apis/tenancy.kiosk.sh/v1alpha1?hash=abc', { type: 'openapi', doc: 'v3-group-version' }],
    ['GET', `${b}/spaces`, { type: 'resource', resource: 'spaces', verb: 'list' }],
    ['GET', `${b}/spaces?watch=true&resourceVersion=5`, { type: 'resource', resource: 'spaces', verb: 'watch' }],
    ['GET', `${b}/spaces?watch=1`, { type: 'resource', resource: 'spaces', verb: 'watch' }],
    ['GET', `${b}/spaces?watch=false`, { type: 'resource', resource: 'spaces', verb: 'list' }],
    ['GET', `${b}/watch/spaces/x`, { type: 'resource', resource: 'spaces', name: 'x', verb: 'watch' }],
    ['GET', `${b}/spaces/x`, { type: 'resource', resource: 'spaces', name: 'x', verb: 'get' }],
    ['GET', `${b}/accounts/a%2Db`, { type: 'resource', resource: 'accounts', name: 'a-b', verb: 'get' }],
    ['POST', `${b}/spaces`, { type: 'resource', resource: 'spaces', verb: 'create' }],
    ['PUT', `${b}/spaces/x`, { type: 'resource', resource: 'spaces', name: 'x', verb: 'update' }],
    ['PATCH', `${b}/spaces/x`, { type: 'resource', resource: 'spaces', name: 'x', verb: 'patch' }],
    ['DELETE', `${b}/spaces/x`, { type: 'resource', resource: 'spaces', name: 'x', verb: 'delete' }],
    ['DELETE', `${b}/spaces`, { type: 'resource', resource: 'spaces', verb: 'deletecollection' }],
    ['GET', `${b}/spaces/x/status`, { type: 'unknown' }],
    ['GET', `${b}/pods`, { type: 'unknown' }],
    ['GET', `${b}/namespaces/a/spaces`, { type: 'unknown' }],
    ['GET', '/apis/config.kiosk.sh/v1alpha1/accounts', { type: 'unknown' }],
    ['GET', `${b}/spaces/%E0%A4%A`, { type: 'unknown' }],
  ])('%s %s', (method, url, want) => expect(p(method, url)).toEqual(want));
});
