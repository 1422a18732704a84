import { describe, expect, it } from 'vitest';
import { openApiV2, openApiV3GroupVersion, openApiV3Hash, openApiV3Root } from './openapi';

/** Every $ref in a document. */
function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refs(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe('OpenAPI documents', () => {
  it('v3 is self-contained: every reference resolves', () => {
    const doc = openApiV3GroupVersion() as { components: { schemas: Record<string, unknown> } };
    const missing = refs(doc).map((r) => r.replace('#/components/schemas/', '')).filter((n) => !(n in doc.components.schemas));
    expect(missing).toEqual([]);
  });
  it('v2 defines its own types and leaves meta/v1 to the cluster\'s spec', () => {
    const doc = openApiV2() as { definitions: Record<string, unknown> };
    const missing = [...new Set(refs(doc).map((r) => r.replace('#/definitions/', '')).filter((n) => !(n in doc.definitions)))];
    expect(missing.every((n) => n.startsWith('io.k8s.apimachinery.pkg.apis.meta.v1.'))).toBe(true);
    expect(Object.keys(doc.definitions).some((n) => n.startsWith('io.k8s.'))).toBe(false);
  });
  it.each(['Space', 'SpaceList', 'Account', 'AccountList'])('%s carries its group-version-kind (kubectl explain finds it by that)', (kind) => {
    const doc = openApiV3GroupVersion() as { components: { schemas: Record<string, Record<string, unknown>> } };
    expect(doc.components.schemas[`sh.kiosk.tenancy.v1alpha1.${kind}`]!['x-kubernetes-group-version-kind']).toEqual([{ group: 'tenancy.kiosk.sh', version: 'v1alpha1', kind }]);
  });
  it('declares fieldValidation on PATCH, so kubectl validates server-side', () => {
    const doc = openApiV3GroupVersion() as { paths: Record<string, { patch?: { parameters: { name: string; in: string }[]; 'x-kubernetes-group-version-kind': unknown } }> };
    const patch = doc.paths['/apis/tenancy.kiosk.sh/v1alpha1/spaces/{name}']!.patch!;
    expect(patch.parameters).toContainEqual(expect.objectContaining({ name: 'fieldValidation', in: 'query' }));
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'tenancy.kiosk.sh', version: 'v1alpha1', kind: 'Space' });
  });
  it('the v3 root points at the group version by content hash', () => {
    expect(openApiV3Root()).toEqual({ paths: { 'apis/tenancy.kiosk.sh/v1alpha1': { serverRelativeURL: `/openapi/v3/apis/tenancy.kiosk.sh/v1alpha1?hash=${openApiV3Hash}` } } });
  });
});
