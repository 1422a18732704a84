import { beforeEach, describe, expect, it, vi } from 'vitest';
import { applyObject, deleteObject } from './apply';
import type { KubeObject } from './objects';
import { KubeApiError, kubeRequest, type KubeRequest } from './request';

vi.mock('./request', async (importOriginal) => ({ ...(await importOriginal<typeof import('./request')>()), kubeRequest: vi.fn() }));
const request = vi.mocked(kubeRequest);
const configMaps = { group: '', version: 'v1', plural: 'configmaps', namespaced: true };
const desired: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'dev' }, data: { a: '1' } };
const live = (rv: string, data: Record<string, string>): KubeObject => ({ ...desired, metadata: { ...desired.metadata, resourceVersion: rv, managedFields: [{ manager: 'x' }] }, data });
const err = (code: number, reason?: string) => new KubeApiError(code, { message: `answer ${code}`, reason }, '/x');
const calls = () => request.mock.calls.map(([r]) => `${(r as KubeRequest).method ?? 'GET'} ${(r as KubeRequest).path}`);
const merge = (l: KubeObject) => ({ ...l, data: desired.data });

beforeEach(() => request.mockReset());

describe('applyObject', () => {
  it('creates a missing object', async () => {
    request.mockRejectedValueOnce(err(404)).mockResolvedValueOnce(desired);
    await expect(applyObject(configMaps, desired, merge, { fieldManager: 'atrium' })).resolves.toMatchObject({ action: 'created' });
    expect(calls()).toEqual(['GET /api/v1/namespaces/dev/configmaps/c', 'POST /api/v1/namespaces/dev/configmaps']);
    expect(request.mock.calls[1]![0].query).toEqual({ fieldManager: 'atrium' });
  });

  it('writes nothing when the merge equals the live object', async () => {
    request.mockResolvedValueOnce(live('1', { a: '1' }));
    await expect(applyObject(configMaps, desired, merge)).resolves.toMatchObject({ action: 'unchanged' });
    expect(calls()).toEqual(['GET /api/v1/namespaces/dev/configmaps/c']);
  });

  it('PUTs the merge with the live resourceVersion and without managedFields', async () => {
    request.mockResolvedValueOnce(live('7', { a: '0' })).mockResolvedValueOnce(desired);
    await expect(applyObject(configMaps, desired, merge)).resolves.toMatchObject({ action: 'updated' });
    const body = request.mock.calls[1]![0].body as KubeObject;
    expect(body.metadata.resourceVersion).toBe('7');
    expect(body.metadata.managedFields).toBeUndefined();
    expect(body.data).toEqual({ a: '1' });
  });

  it('re-reads and merges again after a conflict', async () => {
    request.mockResolvedValueOnce(live('7', { a: '0' })).mockRejectedValueOnce(err(409, 'Conflict')).mockResolvedValueOnce(live('8', { a: '0' })).mockResolvedValueOnce(desired);
    await expect(applyObject(configMaps, desired, merge)).resolves.toMatchObject({ action: 'updated' });
    expect((request.mock.calls[3]![0].body as KubeObject).metadata.resourceVersion).toBe('8');
  });

  it('updates an object created concurrently', async () => {
    request.mockRejectedValueOnce(err(404)).mockRejectedValueOnce(err(409, 'AlreadyExists')).mockResolvedValueOnce(live('3', { a: '1' }));
    await expect(applyObject(configMaps, desired, merge)).resolves.toMatchObject({ action: 'unchanged' });
  });

  it('retries transient errors but not a refusal', async () => {
    request.mockRejectedValueOnce(err(503)).mockResolvedValueOnce(live('1', { a: '1' }));
    await expect(applyObject(configMaps, desired, merge)).resolves.toMatchObject({ action: 'unchanged' });
    request.mockReset();
    request.mockRejectedValueOnce(err(404)).mockRejectedValueOnce(err(403));
    await expect(applyObject(configMaps, desired, merge)).rejects.toThrow('answer 403');
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('waits for a resource that is not served yet when asked to', async () => {
    request.mockRejectedValueOnce(err(404)).mockRejectedValueOnce(err(404)).mockRejectedValueOnce(err(404)).mockResolvedValueOnce(desired);
    await expect(applyObject(configMaps, desired, merge, { notFoundGraceMs: 5000 })).resolves.toMatchObject({ action: 'created' });
  });
});

describe('deleteObject', () => {
  it('is idempotent', async () => {
    request.mockResolvedValueOnce({}).mockRejectedValueOnce(err(404));
    await expect(deleteObject(configMaps, 'c', 'dev')).resolves.toBe(true);
    await expect(deleteObject(configMaps, 'c', 'dev')).resolves.toBe(false);
    expect(request.mock.calls[0]![0]).toMatchObject({ method: 'DELETE', path: '/api/v1/namespaces/dev/configmaps/c', body: { propagationPolicy: 'Background' } });
  });
});
