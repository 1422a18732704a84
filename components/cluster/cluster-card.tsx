import type { ClusterOverview } from '@/server/queries/cluster-overview';

export function ClusterCard({ overview }: { overview: ClusterOverview }) {
  if (!overview.connected) {
    return (
      <section className="card" aria-labelledby="cluster-title">
        <h2 id="cluster-title">Cluster</h2>
        <p className="bad" role="alert">Not connected: {overview.problem}</p>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="cluster-title">
      <h2 id="cluster-title">Cluster</h2>
      <dl className="facts">
        <dt>Kubernetes</dt>
        <dd data-testid="cluster-version">{overview.version}</dd>
        <dt>Platform</dt>
        <dd>{overview.platform}</dd>
        <dt>API server</dt>
        <dd>{overview.server}</dd>
      </dl>
    </section>
  );
}
