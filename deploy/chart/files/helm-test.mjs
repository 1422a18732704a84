// The checks `helm test` runs in the cluster (templates/tests.yaml), and test/chart runs on the host against the
// dev cluster. No dependencies: node's own fetch; the API server's CA comes from NODE_EXTRA_CA_CERTS.
// Usage: node helm-test.mjs <apiservice|webhooks|console> <api server or console URL> [token file]
import { readFileSync } from 'node:fs';

const [check, url, tokenFile = '/var/run/secrets/kubernetes.io/serviceaccount/token'] = process.argv.slice(2);
const deadline = Date.now() + 60_000;
const auth = () => ({ authorization: `Bearer ${readFileSync(tokenFile, 'utf8').trim()}` });

async function apiService() {
  const res = await fetch(`${url}/apis/apiregistration.k8s.io/v1/apiservices/v1alpha1.tenancy.kiosk.sh`, { headers: auth() });
  if (!res.ok) throw new Error(`reading APIService v1alpha1.tenancy.kiosk.sh: HTTP ${res.status} ${await res.text()}`);
  const available = (await res.json()).status?.conditions?.find((c) => c.type === 'Available');
  if (available?.status !== 'True') throw new Error(`APIService v1alpha1.tenancy.kiosk.sh is not Available: ${available?.reason ?? 'no condition'} ${available?.message ?? ''}`);
  return 'APIService v1alpha1.tenancy.kiosk.sh is Available';
}

// A dry run the config webhook must deny: only an answering webhook produces this message (nothing is stored).
async function webhooks() {
  const account = {
    apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name: 'atrium-helm-test' },
    spec: { space: { spaceTemplate: { metadata: { labels: { 'kiosk.sh/account': 'someone-else' } } } } },
  };
  const res = await fetch(`${url}/apis/config.kiosk.sh/v1alpha1/accounts?dryRun=All`, {
    method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body: JSON.stringify(account),
  });
  const body = await res.text();
  let message = '';
  try {
    message = JSON.parse(body).message ?? '';
  } catch {
    // not a Status: reported below
  }
  if (!message.includes('admission webhook "config.atrium.kiosk.sh" denied')) throw new Error(`the config webhook did not answer: HTTP ${res.status} ${body}`);
  return 'the config.kiosk.sh webhook answered (dry run denied as expected)';
}

async function consoleHealth() {
  const res = await fetch(`${url}/api/healthz`);
  if (!res.ok) throw new Error(`console ${url}/api/healthz: HTTP ${res.status}`);
  return `console ${url} is healthy`;
}

const checks = { apiservice: apiService, webhooks, console: consoleHealth };
if (!checks[check] || !url) {
  console.error('usage: node helm-test.mjs <apiservice|webhooks|console> <url> [token file]');
  process.exit(2);
}
for (;;) {
  try {
    console.log(`ok: ${await checks[check]()}`);
    process.exit(0);
  } catch (err) {
    if (Date.now() > deadline) {
      console.error(`FAILED: ${err.message}`);
      process.exit(1);
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
}
