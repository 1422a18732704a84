import { KubeConfig } from '@kubernetes/client-node';
import { env } from '../env';

let cached: KubeConfig | undefined;

/**
 * The KubeConfig of Atrium's own identity (console or controller): a kubeconfig
 * file in development, the pod's service account in a cluster.
 */
export function serviceKubeConfig(): KubeConfig {
  if (!cached) {
    const kc = new KubeConfig();
    const file = env().ATRIUM_KUBECONFIG;
    if (file) kc.loadFromFile(file);
    else kc.loadFromCluster();
    cached = kc;
  }
  return cached;
}
