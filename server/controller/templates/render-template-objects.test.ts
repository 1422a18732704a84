import { describe, expect, it, vi } from 'vitest';
import type { TemplateInstanceObject, TemplateObject } from '@/server/kube';
import type { JsonValue } from '@/server/tenancy';
import { renderTemplateObjects, type HelmRenderer } from './render-template-objects';

const context = { namespace: { name: 'dev', labels: { team: 'a' } }, account: { name: 'acme' } };
const instance = (parameters: { name: string; value: string }[] = []): TemplateInstanceObject => ({ metadata: { name: 'i', namespace: 'dev' }, spec: { template: 't', parameters } });
const tpl = (resources: TemplateObject['resources'], parameters: TemplateObject['parameters'] = []): TemplateObject => ({ metadata: { name: 't' }, resources, parameters });
const cm = (data: Record<string, JsonValue>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data });
const noHelm: HelmRenderer = () => Promise.reject(new Error('helm must not run'));

describe('renderTemplateObjects', () => {
  it('substitutes parameters and the context into manifests', async () => {
    const r = await renderTemplateObjects(tpl({ manifests: [cm({ ns: '${NAMESPACE}', a: '${ACCOUNT}', s: '${SIZE}' })] }, [{ name: 'SIZE', value: 's' }]), instance([{ name: 'SIZE', value: 'l' }]), context, noHelm);
    expect(r).toEqual({ ok: true, objects: [{ label: 'manifests[0] (ConfigMap c)', object: cm({ ns: 'dev', a: 'acme', s: 'l' }) }] });
  });

  it('renders helm values with parameters, passes release and namespace, and labels helm documents', async () => {
    const helm = vi.fn<HelmRenderer>(async () => [cm({ from: 'helm' })]);
    const r = await renderTemplateObjects(tpl({ helm: { chart: { repository: { name: 'c', repoUrl: 'http://x' } }, values: 'team: ${NAMESPACE.METADATA.LABELS.team}\ncount: "${{N}}"\n' } }, [{ name: 'N', value: '3' }]), instance(), context, helm);
    expect(helm).toHaveBeenCalledWith(expect.objectContaining({ releaseName: 't', namespace: 'dev', values: { team: 'a', count: 3 } }));
    expect(r).toEqual({ ok: true, objects: [{ label: 'helm[0] (ConfigMap c)', object: cm({ from: 'helm' }) }] });
  });

  it.each<[string, TemplateObject, TemplateInstanceObject, HelmRenderer, string, RegExp]>([
    ['an undeclared parameter', tpl({ manifests: [] }), instance([{ name: 'X', value: '1' }]), noHelm, 'ErrorValidatingParameters', /unknown parameter 'X'/],
    ['an unresolvable predefined parameter', tpl({ manifests: [cm({ v: '${NAMESPACE.METADATA.LABELS.nope}' })] }), instance(), noHelm, 'ErrorReplaceParameters', /^manifests\[0\]\.data\.v: .*no label 'nope'/],
    ['a bad values parameter', tpl({ helm: { values: 'v: ${ACCOUNT.METADATA.LABELS.nope}' } }), instance(), noHelm, 'ErrorReplaceParameters', /^resources\.helm\.values/],
    ['invalid values YAML', tpl({ helm: { values: 'v: [' } }), instance(), noHelm, 'ErrorHelm', /resources\.helm\.values is not valid YAML/],
    ['a helm error', tpl({ helm: {} }), instance(), () => Promise.reject(new Error('chart not found')), 'ErrorHelm', /^helm template failed: chart not found$/],
    ['too many manifests', tpl({ manifests: Array.from({ length: 501 }, () => cm({})) }), instance(), noHelm, 'TemplateTooLarge', /501 manifests/],
  ])('fails on %s', async (_, template, inst, helm, reason, message) => {
    const r = await renderTemplateObjects(template, inst, context, helm);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.failure.reason).toBe(reason);
      expect(r.failure.message).toMatch(message);
    }
  });
});
