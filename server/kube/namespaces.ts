import { CoreV1Api } from '@kubernetes/client-node';
import { serviceKubeConfig } from './config';

/** Names of every namespace Atrium's own identity can list. */
export async function listNamespaceNames(): Promise<string[]> {
  const list = await serviceKubeConfig().makeApiClient(CoreV1Api).listNamespace();
  return list.items.map((ns) => ns.metadata?.name ?? '').filter(Boolean);
}
