import { devUsers } from '../dev-idp/dev-users';
import { readStackEnv } from './stack-env';

/** Where to go and who to be: the last thing the demo command prints. */
export function printDemoSummary(): void {
  const env = readStackEnv();
  const width = Math.max(...devUsers.map((u) => u.username.length));
  const lines = [
    '',
    `Console:            ${env.CONSOLE_URL ?? '(not running)'}`,
    `Identity provider:  ${env.OIDC_ISSUER ?? '(not running)'}`,
    `Password (all demo users): ${env.DEMO_PASSWORD ?? '(unknown)'}`,
    'Demo users:',
    ...devUsers.map((u) => `  ${u.username.padEnd(width)}  ${u.role}`),
    '',
    `kubectl as the admin: export KUBECONFIG=${env.KUBECONFIG}`,
    'Everything above is also in .atrium/stack.env. Stop it all with: npm run stack:down',
  ];
  console.log(lines.join('\n'));
}
