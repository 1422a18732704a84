// npm run stack:up | stack:down — everything the demo runs, in the background.
import { controllerDown, controllerUp } from './lib/atrium';
import { clusterDown, clusterUp } from './lib/cluster';
import { consoleDown, consoleUp, consoleUrl } from './lib/console';
import { postgresDown, stackDatabaseUp } from './lib/postgres';
import { info } from './lib/step';

const command = process.argv[2];
try {
  if (command === 'up') {
    await clusterUp();
    await stackDatabaseUp();
    await controllerUp();
    await consoleUp();
    info(`Atrium is up: ${consoleUrl}`);
    info('stop it with: npm run stack:down');
  } else if (command === 'down') {
    await consoleDown();
    await controllerDown();
    await postgresDown();
    await clusterDown();
  } else {
    throw new Error(`usage: stack.ts up|down (got ${command ?? 'nothing'})`);
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
