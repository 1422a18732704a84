import { readFile } from 'node:fs/promises';
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { signIn } from './support/sign-in';
import { kubectl, kubectlOk, uniqueName } from '../test/support/kubectl';

// Pages read the cluster and the database as the person; on a busy two-core machine that can take a while.
const expect = baseExpect.configure({ timeout: 20_000 });
test.use({ ignoreHTTPSErrors: true });
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const id = uniqueName('e2e-audit');
const devAccount = `${id}-dev`;
const otherAccount = `${id}-other`;
// Text from users is data: a member named like markup must show as those characters and never run.
const markup = '<img src=x onerror=alert(1)>';

const account = (name: string, subject: string) => ({
  apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name },
  spec: { subjects: [{ kind: 'User', name: subject, apiGroup: 'rbac.authorization.k8s.io' }] },
});

// Both are made with kubectl as the cluster admin: the controller records them as account.create (source api),
// each with its own account as the target.
test.beforeAll(async () => {
  await kubectlOk(['apply', '-f', '-'], [account(devAccount, 'dev'), account(otherAccount, markup)].map((o) => JSON.stringify(o)).join('\n---\n'));
});
test.afterAll(async () => {
  await kubectl(['delete', 'account', devAccount, otherAccount, '--ignore-not-found', '--wait=false']);
});

const rows = (page: Page) => page.getByTestId('audit-table').locator('tbody tr');

/** The controller records admission events shortly after the change: reload until they are there. */
async function showsEvents(page: Page, path: string, count: number) {
  await expect(async () => {
    await page.goto(path);
    await baseExpect(rows(page)).toHaveCount(count, { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
}

test('admin filters the audit trail by action and downloads it as CSV', async ({ page }) => {
  page.on('dialog', (d) => {
    throw new Error(`a dialog opened: ${d.message()}`);
  });
  await signIn(page, 'admin', '/audit');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' })).toBeVisible();
  await expect(page.getByTestId('chain-badge')).toHaveText(/Chain verified [\d,]+ events at|Not verified yet — run npm run audit:verify/);
  // The sign-in itself was recorded.
  await expect(rows(page).filter({ hasText: 'auth.signin' }).first()).toBeVisible();

  await page.getByLabel('Search', { exact: true }).fill(id);
  await page.getByLabel('Action').fill('account.create');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/action=account.create/);
  await showsEvents(page, page.url(), 2);
  for (const r of await rows(page).all()) await expect(r).toContainText('account.create');
  const other = rows(page).filter({ hasText: `Account ${otherAccount}` });
  await expect(other).toContainText('admin');
  await expect(other.getByText('done', { exact: true })).toBeVisible();

  await other.getByText(/^Event \d+$/).click();
  await expect(other.locator('pre')).toContainText(markup);
  await expect(other.locator('img')).toHaveCount(0);
  await expect(other).toContainText(/Hash\s*[0-9a-f]{64}/);
  await expectAccessible(page, 'Audit');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-.*\.csv$/);
  const lines = (await readFile(await download.path(), 'utf8')).trimEnd().split('\r\n');
  expect(lines[0]).toBe('seq,at,recorded_at,source,actor,groups,via,issuer,action,target_kind,target_name,account,space,outcome,message,client_address,request_id,summary,hash');
  expect(lines).toHaveLength(3);
  expect(lines.find((l) => l.includes(`,account.create,Account,${otherAccount},${otherAccount},`))).toBeDefined();
});

test('a tenant sees the events of their accounts and not of another account, on the page and in the export', async ({ page }) => {
  await signIn(page, 'dev', `/audit?q=${id}`);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' })).toBeVisible();
  await showsEvents(page, `/audit?q=${id}`, 1);
  await expect(rows(page)).toContainText(`Account ${devAccount}`);
  await expect(page.getByText(otherAccount)).toHaveCount(0);

  await page.goto(`/audit?q=${id}&account=${otherAccount}`);
  await expect(page.getByText('No events match these filters')).toBeVisible();
  await expectAccessible(page, 'Audit, as a tenant, nothing found');

  const res = await page.request.get(`/api/audit/export?format=json&q=${id}`);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="audit-.*\.json"$/);
  const events = (await res.json()) as { target: { account?: string } | null }[];
  expect(events.map((e) => e.target?.account)).toEqual([devAccount]);
});
