import { beforeEach, describe, expect, it, vi } from 'vitest';
import { KubeApiError, kubeRequest } from './request';
import { discoverResource, forgetDiscovery, parseApiVersion, UnknownKindError } from './discovery';

vi.mock('./request', async (importOriginal) => ({ ...(await importOriginal<typeof import('./request')>()), kubeRequest: vi.fn() }));
const request = vi.mocked(kubeRequest);

const apps = { resources: [{ name: 'deployments', kind: 'Deployment', namespaced: true }, { name: 'deployments/scale', kind: 'Scale', namespaced: true }, { name: 'deployments/status', kind: 'Deployment', namespaced: true }] };

beforeEach(() => {
  forgetDiscovery();
  request.mockReset();
  vi.useRealTimers();
});

describe('parseApiVersion', () => {
  it.each<[string, ReturnType<typeof parseApiVersion>]>([
    ['v1', { group: '', version: 'v1' }],
    ['apps/v1', { group: 'apps', version: 'v1' }],
    ['a/b/c', undefined],
    ['', undefined],
    ['/v1', undefined],
  ])('%j', (apiVersion, expected) => {
    expect(parseApiVersion(apiVersion)).toEqual(expected);
  });
});

describe('discoverResource', () => {
  it('finds the top-level resource of a kind, ignoring subresources, and caches the group version', async () => {
    request.mockResolvedValue(apps);
    const ref = { group: 'apps', version: 'v1', plural: 'deployments', namespaced: true };
    await expect(discoverResource('apps/v1', 'Deployment')).resolves.toEqual(ref);
    await expect(discoverResource('apps/v1', 'Deployment')).resolves.toEqual(ref);
    expect(request).toHaveBeenCalledTimes(1);
    expect(request).toHaveBeenCalledWith({ path: '/apis/apps/v1' });
  });

  it('reads the core group from /api/v1', async () => {
    request.mockResolvedValue({ resources: [{ name: 'namespaces', kind: 'Namespace', namespaced: false }] });
    await expect(discoverResource('v1', 'Namespace')).resolves.toEqual({ group: '', version: 'v1', plural: 'namespaces', namespaced: false });
    expect(request).toHaveBeenCalledWith({ path: '/api/v1' });
  });

  it('refreshes on a miss, at most once a second, so a CRD installed later is found', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    request.mockResolvedValueOnce({ resources: [] }).mockResolvedValueOnce({ resources: [{ name: 'widgets', kind: 'Widget', namespaced: true }] });
    await expect(discoverResource('example.com/v1', 'Widget')).rejects.toThrow('no resource for kind Widget in apiVersion example.com/v1: the API server serves no kind Widget');
    await expect(discoverResource('example.com/v1', 'Widget')).rejects.toThrow(UnknownKindError);
    expect(request).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1500);
    await expect(discoverResource('example.com/v1', 'Widget')).resolves.toMatchObject({ plural: 'widgets' });
  });

  it.each<[string, string, () => void, RegExp]>([
    ['a group version the server does not serve', 'example.com/v1', () => request.mockRejectedValue(new KubeApiError(404, undefined, '/apis/example.com/v1')), /: the API server does not serve example\.com\/v1$/],
    ['a malformed apiVersion', 'a/b/c', () => undefined, /^no resource for kind Foo in apiVersion a\/b\/c: apiVersion must be/],
  ])('reports %s as an unknown kind', async (_, apiVersion, arrange, message) => {
    arrange();
    const err = await discoverResource(apiVersion, 'Foo').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownKindError);
    expect((err as Error).message).toMatch(message);
  });

  it('lets transient errors through, uncached', async () => {
    request.mockRejectedValueOnce(new KubeApiError(503, undefined, '/apis/apps/v1')).mockResolvedValueOnce(apps);
    await expect(discoverResource('apps/v1', 'Deployment')).rejects.not.toBeInstanceOf(UnknownKindError);
    await expect(discoverResource('apps/v1', 'Deployment')).resolves.toMatchObject({ plural: 'deployments' });
  });
});
