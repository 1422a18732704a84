import { expect as baseExpect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { signIn } from './support/sign-in';
import { chooseTheme } from './support/spaces-pages';
import { kubectl, kubectlOk, uniqueName } from '../test/support/kubectl';

// Pages read the cluster as the person; on a busy two-core machine that can take more than the default 5 s.
const expect = baseExpect.configure({ timeout: 20_000 });
test.use({ ignoreHTTPSErrors: true });
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const id = uniqueName('e2e-acct');
const devAccount = `${id}-dev`;
const dbaAccount = `${id}-dba`;
const quota = `${id}-quota`;
const space = `${id}-one`;
const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: space }, spec: { containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '250m' }, limits: { cpu: '250m' } } }] } });
const yaml = (objs: object[]) => objs.map((o) => JSON.stringify(o)).join('\n---\n');

test.beforeAll(async () => {
  await kubectlOk(['apply', '-f', '-'], yaml([
    { apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name: devAccount }, spec: { space: { limit: 3 }, subjects: [{ kind: 'User', name: 'dev', apiGroup: 'rbac.authorization.k8s.io' }] } },
    { apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name: dbaAccount }, spec: { subjects: [{ kind: 'User', name: 'dba', apiGroup: 'rbac.authorization.k8s.io' }] } },
    { apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'AccountQuota', metadata: { name: quota }, spec: { account: devAccount, quota: { hard: { pods: '4', 'requests.cpu': '2' } } } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: space, labels: { 'kiosk.sh/account': devAccount } } },
  ]));
  // Until the controller has counted the new AccountQuota once it denies with "status unknown", as upstream
  // ResourceQuota does; on a busy machine that first count can come after this create.
  await expect.poll(async () => {
    const r = await kubectl(['create', '-f', '-'], JSON.stringify(pod('first')));
    return r.code === 0 || /AlreadyExists|already exists/.test(r.stderr) ? 'created' : r.stderr;
  }, { timeout: 30_000, intervals: [500] }).toBe('created');
});
test.afterAll(async () => {
  await kubectl(['delete', 'namespace', space, '--ignore-not-found', '--wait=false']);
  await kubectl(['delete', 'accountquota', quota, '--ignore-not-found', '--wait=false']);
  await kubectl(['delete', 'account', devAccount, dbaAccount, '--ignore-not-found', '--wait=false']);
});

const bar = (page: Page, resource: string) => page.getByTestId(`quota-${quota}`).getByRole('meter', { name: `${resource} used` });

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/accounts-${name}.png`, fullPage: true });
}

test('admin sees the accounts list and an account\'s quota bars', async ({ page }) => {
  await signIn(page, 'admin', `/accounts?q=${id}`);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' })).toBeVisible();
  const rows = page.getByTestId('accounts-table').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  const row = rows.filter({ hasText: devAccount });
  await expect(row.getByRole('meter', { name: 'Spaces used' })).toHaveAttribute('aria-valuetext', '1 of 3 spaces');
  await expect(row).toContainText('dev');
  // the fullest quota resource: pods at 25% is ahead of requests.cpu at 13%
  await expect(row.getByRole('meter', { name: 'pods used' })).toHaveAttribute('aria-valuetext', '1 of 4 (25%)');
  await expectAccessible(page, 'Accounts');
  await shoot(page, 'list-light');

  await row.getByRole('link', { name: devAccount }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(devAccount);
  await expect(bar(page, 'pods')).toHaveAttribute('aria-valuetext', '1 of 4 (25%)');
  await expect(bar(page, 'requests.cpu')).toHaveAttribute('aria-valuetext', '250m of 2 (13%)');
  await expectAccessible(page, 'Account page');
  await chooseTheme(page, 'Dark');
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  await expectAccessible(page, 'Account page, dark');
  await shoot(page, 'account-admin-dark');
  await page.goto(`/accounts?q=${id}`);
  await shoot(page, 'list-dark');
  await chooseTheme(page, 'Light');
});

test('dev sees their own account with the quota chart moving as pods start, and only that', async ({ page }) => {
  await signIn(page, 'dev', `/accounts/${devAccount}`);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' })).toHaveCount(0);
  await expect(bar(page, 'pods')).toHaveAttribute('aria-valuetext', '1 of 4 (25%)');
  await expect(page.getByTestId(`quota-${quota}`).getByText(space).first()).toBeAttached();
  await expectAccessible(page, 'Account page as a member');
  await shoot(page, 'account-dev-light');

  // live: a pod started elsewhere shows up without a reload
  await kubectlOk(['create', '-f', '-', '--as=dev'], JSON.stringify(pod('second')));
  await expect(bar(page, 'pods')).toHaveAttribute('aria-valuetext', '2 of 4 (50%)', { timeout: 30_000 });
  await expect(bar(page, 'requests.cpu')).toHaveAttribute('aria-valuetext', '500m of 2 (25%)');

  await page.goto(`/accounts/${dbaAccount}`);
  await expect(page.getByTestId('not-allowed')).toContainText('forbidden');
  await expect(page.getByText(quota)).toHaveCount(0);
  await expectAccessible(page, 'Another account, not allowed');

  await page.goto('/accounts');
  await expect(page.getByTestId('not-allowed')).toContainText('cannot list resource "accounts"');
  await expect(page.getByTestId('accounts-table')).toHaveCount(0);
  await expectAccessible(page, 'Accounts, not allowed');
  await shoot(page, 'list-dev-not-allowed');
});
