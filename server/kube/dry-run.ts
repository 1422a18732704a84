import { discoverResource } from './discovery';
import type { KubeObject } from './objects';
import { PERSON_FIELD_MANAGER, kubeRequest, type ActAs } from './request';
import { resourcePath } from './resources';

/**
 * Asks the API server whether it would take `object` in `namespace` (when its kind is namespaced; as a template
 * deploys it), changing nothing (`dryRun=All`): its schema checks, defaulting and admission webhooks run, as `as`. A
 * named object goes through server-side apply, so one that already exists is checked as the change to it, not
 * refused as a duplicate; a `generateName` object is a dry-run create. Resolves with what the server would store;
 * rejects with its KubeApiError (or UnknownKindError for a kind it does not serve).
 */
export async function dryRunApply(object: KubeObject, namespace: string, as: ActAs | undefined): Promise<KubeObject> {
  const ref = await discoverResource(object.apiVersion ?? '', object.kind ?? '');
  const meta = { ...object.metadata, namespace: ref.namespaced ? namespace : undefined };
  const obj: KubeObject = { ...object, metadata: meta };
  const name = obj.metadata.name;
  if (!name) {
    return kubeRequest<KubeObject>({ method: 'POST', path: resourcePath(ref, { namespace: obj.metadata.namespace }), body: obj, as, query: { dryRun: 'All', fieldManager: PERSON_FIELD_MANAGER } });
  }
  return kubeRequest<KubeObject>({
    method: 'PATCH',
    path: resourcePath(ref, { namespace: obj.metadata.namespace, name }),
    body: obj,
    contentType: 'application/apply-patch+yaml',
    as,
    query: { dryRun: 'All', fieldManager: PERSON_FIELD_MANAGER, force: true },
  });
}
