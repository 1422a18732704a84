// npm run cluster:up | cluster:down
import { clusterDown, clusterUp } from './lib/cluster';

const command = process.argv[2];
try {
  if (command === 'up') await clusterUp();
  else if (command === 'down') await clusterDown();
  else throw new Error(`usage: cluster.ts up|down (got ${command ?? 'nothing'})`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
