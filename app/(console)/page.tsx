import { ClusterCard } from '@/components/cluster/cluster-card';
import { getClusterOverview } from '@/server/queries/cluster-overview';

// The cluster can change under us; never serve a build-time snapshot.
export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const overview = await getClusterOverview();
  return (
    <>
      <h1>Welcome to Atrium</h1>
      <p className="muted">Soft multi-tenancy for a shared Kubernetes cluster: accounts, spaces, quotas and templates.</p>
      <ClusterCard overview={overview} />
    </>
  );
}
