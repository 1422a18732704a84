// npm run bench — every benchmark, one after the other. Each prints its figures.
import { kubeconfig } from '../scripts/lib/paths';

// Benchmarks act as the cluster admin, as the controller's use-cases would in-cluster.
process.env.ATRIUM_KUBECONFIG ??= kubeconfig;
const only = process.argv[2];
for (const name of ['devcluster', 'spaces', 'tenancy-api', 'account-quota']) {
  if (only && only !== name) continue;
  console.log(`\n## ${name}`);
  await import(`./${name}.ts`);
}
export {};
