import type { TemplateInstanceObject, TemplateObject } from '@/server/kube';
import { renderTemplate, validateTemplateParameters, type JsonValue, type TemplateContext } from '@/server/tenancy';
import { checkRenderedObjects, measureDepth, TEMPLATE_LIMITS, type RenderedObject } from './check-rendered-objects';
import { parseYamlDocuments } from './parse-yaml-documents';
import type { HelmSpec, RenderHelmChartInput } from './render-helm-chart';
import { failed, type TemplateStep } from './template-failure';

/** Renders a chart (the real helm client in the controller, a stub in tests). */
export type HelmRenderer = (input: RenderHelmChartInput) => Promise<JsonValue[]>;

/**
 * Everything a TemplateInstance deploys, rendered and checked: `resources.manifests` with the instance's parameters
 * and the namespace/account context, then the Helm chart of `resources.helm` (its `values` substituted first),
 * through {@link checkRenderedObjects}. Parameter problems are reported before any rendering, as Kiosk did.
 */
export async function renderTemplateObjects(
  template: TemplateObject,
  instance: TemplateInstanceObject,
  context: TemplateContext,
  renderHelm: HelmRenderer,
  limits = TEMPLATE_LIMITS,
): Promise<TemplateStep<{ objects: RenderedObject[] }>> {
  const declared = template.parameters ?? [];
  const given = instance.spec.parameters ?? [];
  const valid = validateTemplateParameters(declared, given);
  if (!valid.ok) return failed('ErrorValidatingParameters', valid.error);

  const manifests = template.resources?.manifests ?? [];
  if (manifests.length > limits.maxObjects) {
    return failed('TemplateTooLarge', `the template has ${manifests.length} manifests; at most ${limits.maxObjects} are allowed per TemplateInstance`);
  }
  // Rendering walks objects recursively: measure (iteratively) before walking.
  const deep = manifests.findIndex((m) => measureDepth(m as JsonValue, limits.maxDepth) > limits.maxDepth);
  if (deep >= 0) return failed('TemplateTooLarge', `manifests[${deep}]: nested more than ${limits.maxDepth} levels deep; flatten the object`);
  const rendered = renderTemplate(manifests, declared, given, context);
  if (!rendered.ok) return failed('ErrorReplaceParameters', rendered.error);
  const values = rendered.objects.map((value, i) => ({ at: `manifests[${i}]`, value }));

  const helm = template.resources?.helm as HelmSpec | undefined;
  if (helm) {
    let helmValues: JsonValue | undefined;
    try {
      helmValues = helm.values?.trim() ? parseYamlDocuments(helm.values)[0] : undefined;
    } catch (err) {
      return failed('ErrorHelm', `resources.helm.values is not valid YAML: ${(err as Error).message}`);
    }
    if (helmValues !== undefined) {
      const substituted = renderTemplate([helmValues], declared, given, context);
      if (!substituted.ok) return failed('ErrorReplaceParameters', substituted.error.replace(/^manifests\[0\]/, 'resources.helm.values'));
      helmValues = substituted.objects[0];
    }
    let docs: JsonValue[];
    try {
      docs = await renderHelm({ helm, releaseName: helm.releaseName || template.metadata.name!, namespace: instance.metadata.namespace!, values: helmValues });
    } catch (err) {
      return failed('ErrorHelm', `helm template failed: ${(err as Error).message}`);
    }
    values.push(...docs.map((value, i) => ({ at: `helm[${i}]`, value })));
  }
  return checkRenderedObjects(values, limits);
}
