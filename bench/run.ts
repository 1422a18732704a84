// npm run bench — every benchmark, one after the other. Each prints its figures.
import { controllerUp } from '../scripts/lib/atrium';
import { clusterUp } from '../scripts/lib/cluster';
import { kubeconfig } from '../scripts/lib/paths';

// Benchmarks act as the cluster admin, as the controller's use-cases would in-cluster.
process.env.ATRIUM_KUBECONFIG ??= kubeconfig;
const only = process.argv[2];
// The benchmarks measure the dev stack: cluster and controller, started if needed (the audit bench needs only PostgreSQL).
if (only !== 'audit') {
  await clusterUp();
  await controllerUp();
}
for (const name of ['devcluster', 'spaces', 'tenancy-api', 'account-quota', 'memory', 'audit', 'console-spaces', 'console-accounts']) {
  if (only && only !== name) continue;
  console.log(`\n## ${name}`);
  await import(`./${name}.ts`);
}
export {};
