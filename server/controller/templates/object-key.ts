import { parseApiVersion } from '@/server/kube';

/**
 * Identity of a deployed object across applies: API group (not version, so moving a manifest from v1beta1 to v1
 * updates the object instead of deleting and re-creating it), kind, namespace ('' for cluster-scoped), name.
 */
export function objectKey(apiVersion: string, kind: string, namespace: string | undefined, name: string): string {
  const group = parseApiVersion(apiVersion)?.group ?? apiVersion;
  return `${group}/${kind}/${namespace ?? ''}/${name}`;
}
