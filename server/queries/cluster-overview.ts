import 'server-only';
import { describeKubeError, getClusterVersion } from '../kube';

export type ClusterOverview =
  | { connected: true; version: string; platform: string; server: string }
  | { connected: false; problem: string };

/** What the home page shows about the cluster the console is connected to. */
export async function getClusterOverview(): Promise<ClusterOverview> {
  try {
    const v = await getClusterVersion();
    return { connected: true, version: v.gitVersion, platform: v.platform, server: v.server };
  } catch (err) {
    return { connected: false, problem: describeKubeError(err) };
  }
}
