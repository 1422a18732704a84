// npm run stack:up | stack:down | stack:seed — everything the demo runs, in the background.
import { controllerDown, controllerUp } from './lib/atrium';
import { clusterDown, clusterUp } from './lib/cluster';
import { consoleDown, consoleUp, consoleUrl } from './lib/console';
import { printDemoSummary } from './lib/demo-summary';
import { idpDown, idpIssuer, idpState, idpUp } from './lib/idp';
import { apiserverPort, kubeconfig } from './lib/paths';
import { seedWalkthrough } from './lib/seed-walkthrough';
import { removeStackEnv, writeStackEnv } from './lib/stack-env';
import { postgresDown, stackDatabaseUp } from './lib/postgres';
import { info, step } from './lib/step';

const command = process.argv[2];
try {
  if (command === 'up') {
    // Each part records where it is as soon as it runs, so a later failure still leaves the rest findable.
    await clusterUp();
    writeStackEnv({ KUBECONFIG: kubeconfig, KUBE_APISERVER: `https://127.0.0.1:${apiserverPort}` });
    await idpUp();
    writeStackEnv({ OIDC_ISSUER: idpIssuer, DEMO_PASSWORD: idpState().demoPassword });
    await stackDatabaseUp();
    await controllerUp();
    await consoleUp();
    writeStackEnv({ CONSOLE_URL: consoleUrl });
    info(`Atrium is up: ${consoleUrl} (sign in as dev, dba or admin; the password is DEMO_PASSWORD in .atrium/stack.env)`);
    info('stop it with: npm run stack:down');
  } else if (command === 'seed') {
    await step("Seeding the walkthrough's accounts, quota, template and binding", seedWalkthrough);
    printDemoSummary();
  } else if (command === 'down') {
    await consoleDown();
    await controllerDown();
    await idpDown();
    await postgresDown();
    await clusterDown();
    removeStackEnv();
  } else {
    throw new Error(`usage: stack.ts up|seed|down (got ${command ?? 'nothing'})`);
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
