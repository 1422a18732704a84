import { VersionApi } from '@kubernetes/client-node';
import { serviceKubeConfig } from './config';

export interface ClusterVersion {
  gitVersion: string;
  platform: string;
  server: string;
}

/** Reads /version of the cluster the console is connected to. */
export async function getClusterVersion(): Promise<ClusterVersion> {
  const kc = serviceKubeConfig();
  const info = await kc.makeApiClient(VersionApi).getCode();
  return { gitVersion: info.gitVersion, platform: info.platform, server: kc.getCurrentCluster()?.server ?? 'in-cluster' };
}
