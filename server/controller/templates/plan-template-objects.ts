import {
  R, UnknownKindError, discoverResource, ownerRef, parseApiVersion, type OwnerReference, type ResourceRef, type TemplateInstanceObject, type TemplateObject,
} from '@/server/kube';
import { NO_OWNER_ANNOTATION, type JsonObject } from '@/server/tenancy';
import type { RenderedObject } from './check-rendered-objects';
import { mergeOwnerReferences } from './merge-owner-references';
import { objectKey } from './object-key';
import { failed, type TemplateStep } from './template-failure';

/** One object ready to apply. */
export interface PlannedObject {
  label: string;
  /** {@link objectKey}: matches it with its last applied version. */
  key: string;
  ref: ResourceRef;
  /** The object as applied, and as recorded in `status.templateManifests`: namespace and our ownerReferences set. */
  applied: JsonObject;
  /** Its CRD comes with the same template, so it may not be served until that CRD is established. */
  awaitsCrd: boolean;
}

/** Whether rendered objects get ownerReferences: Kiosk's `shouldSetOwner` reads exactly this annotation value. */
export const setsOwners = (instance: TemplateInstanceObject) => instance.metadata.annotations?.[NO_OWNER_ANNOTATION] !== 'true';

/**
 * Decides where each rendered object goes, before any is written: its REST resource (API discovery, or the CRD in
 * the same template), its namespace (the TemplateInstance's; naming another is an error — a tenant's template must
 * not reach into other namespaces), and its owner: the TemplateInstance for namespaced objects, the Template for
 * cluster-scoped ones (a cluster-scoped object cannot be owned by a namespaced one), none with the no-owner
 * annotation. CRDs are ordered first so that their custom resources can follow.
 * @throws only transient discovery errors; a kind that does not exist is a `FindObjectMapping` failure.
 */
export async function planTemplateObjects(
  objects: readonly RenderedObject[],
  instance: TemplateInstanceObject,
  template: TemplateObject,
): Promise<TemplateStep<{ planned: PlannedObject[] }>> {
  const namespace = instance.metadata.namespace!;
  const crdKinds = crdDefinedKinds(objects);
  const owners = setsOwners(instance);
  const ours = [instance.metadata.uid!, template.metadata.uid!];
  const planned: PlannedObject[] = [];
  for (const { label, object } of objects) {
    const apiVersion = object.apiVersion as string;
    const kind = object.kind as string;
    let ref = crdKinds.get(`${apiVersion}/${kind}`);
    const awaitsCrd = ref !== undefined;
    if (!ref) {
      try {
        ref = await discoverResource(apiVersion, kind);
      } catch (err) {
        if (err instanceof UnknownKindError) return failed('FindObjectMapping', `${label}: ${err.message}`);
        throw err;
      }
    }
    const applied = structuredClone(object);
    const meta = applied.metadata as JsonObject;
    if (ref.namespaced) {
      if (meta.namespace && meta.namespace !== namespace) {
        return failed('ErrorConvertingManifest', `${label}: metadata.namespace is "${meta.namespace}", but a TemplateInstance deploys only into its own namespace "${namespace}"; remove metadata.namespace from the Template (or use \${NAMESPACE})`);
      }
      meta.namespace = namespace;
    } else {
      delete meta.namespace;
    }
    const wanted: OwnerReference[] = owners
      ? [ref.namespaced ? ownerRef(R.templateInstances, 'TemplateInstance', instance) : ownerRef(R.templates, 'Template', template)]
      : [];
    const refs = mergeOwnerReferences(meta.ownerReferences as unknown as OwnerReference[] | undefined, wanted, ours);
    if (refs.length > 0) meta.ownerReferences = refs as unknown as JsonObject[];
    else delete meta.ownerReferences;
    planned.push({ label, key: objectKey(apiVersion, kind, ref.namespaced ? namespace : undefined, meta.name as string), ref, applied, awaitsCrd });
  }
  const isCrd = (p: PlannedObject) => p.ref.group === 'apiextensions.k8s.io' && p.applied.kind === 'CustomResourceDefinition';
  return { ok: true, planned: [...planned.filter(isCrd), ...planned.filter((p) => !isCrd(p))] };
}

/** `<apiVersion>/<kind>` → resource, for every version of every CRD among the objects. */
function crdDefinedKinds(objects: readonly RenderedObject[]): Map<string, ResourceRef> {
  const kinds = new Map<string, ResourceRef>();
  for (const { object } of objects) {
    if (object.kind !== 'CustomResourceDefinition' || parseApiVersion(String(object.apiVersion))?.group !== 'apiextensions.k8s.io') continue;
    const spec = object.spec as { group?: string; scope?: string; names?: { kind?: string; plural?: string }; versions?: { name?: string }[] } | undefined;
    if (!spec?.group || !spec.names?.kind || !spec.names.plural) continue;
    for (const v of spec.versions ?? []) {
      if (!v.name) continue;
      kinds.set(`${spec.group}/${v.name}/${spec.names.kind}`, { group: spec.group, version: v.name, plural: spec.names.plural, namespaced: spec.scope !== 'Cluster' });
    }
  }
  return kinds;
}
