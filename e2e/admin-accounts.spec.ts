import { expect as baseExpect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { signIn } from './support/sign-in';
import { chooseTheme, NewSpacePage } from './support/spaces-pages';
import { kubectl, kubectlJson, kubectlOk, uniqueName } from '../test/support/kubectl';

// Pages read the cluster as the person; on a busy two-core machine that can take more than the default 5 s.
const expect = baseExpect.configure({ timeout: 20_000 });
test.use({ ignoreHTTPSErrors: true });
// One story: the admin makes the account, dev uses it, the admin edits and finally deletes it.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const id = uniqueName('e2e-adm');
const account = `${id}-team`;
const template = `${id}-greeting`;
const quota = `${id}-compute`;
const space = `${id}-one`;
const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: space }, spec: { containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '250m' }, limits: { cpu: '250m' } } }] } });
const yaml = (objs: object[]) => objs.map((o) => JSON.stringify(o)).join('\n---\n');

test.beforeAll(async () => {
  await kubectlOk(['apply', '-f', '-'], yaml([
    {
      apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Template', metadata: { name: template },
      parameters: [{ name: 'GREETING', required: true, validation: '^[a-z]+$' }],
      resources: { manifests: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'greeting' }, data: { text: '${GREETING}' } }] },
    },
    // Creating spaces takes kiosk-edit besides membership, as in the walkthrough.
    {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: `${id}-kiosk-edit` },
      subjects: [{ kind: 'User', name: 'dev', apiGroup: 'rbac.authorization.k8s.io' }],
      roleRef: { kind: 'ClusterRole', name: 'kiosk-edit', apiGroup: 'rbac.authorization.k8s.io' },
    },
  ]));
});
test.afterAll(async () => {
  await kubectl(['delete', 'namespace', space, '--ignore-not-found', '--wait=false']);
  await kubectl(['delete', 'accountquota', quota, '--ignore-not-found', '--wait=false']);
  await kubectl(['delete', 'accounts.config.kiosk.sh', account, '--ignore-not-found', '--wait=false']);
  await kubectl(['delete', 'template', template, '--ignore-not-found']);
  await kubectl(['delete', 'clusterrolebinding', `${id}-kiosk-edit`, '--ignore-not-found']);
});

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/admin-${name}.png`, fullPage: true });
}

const bar = (page: Page, resource: string) => page.getByTestId(`quota-${quota}`).getByRole('meter', { name: `${resource} used` });

test('admin creates an account with a member, a space limit and a mandatory template with a parameter, then a quota', async ({ page }) => {
  await signIn(page, 'admin', '/accounts');
  await page.getByRole('link', { name: 'New account' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'New account' })).toBeVisible();
  await expectAccessible(page, 'New account');

  await page.getByLabel('Account name', { exact: true }).fill(account);
  // Checked as typed, with the webhook's own subject rules.
  await page.getByLabel('Kind of member 1', { exact: true }).selectOption('ServiceAccount');
  await page.getByLabel('Name of member 1', { exact: true }).fill('deployer');
  await page.getByLabel('Name of member 1', { exact: true }).blur();
  await expect(page.getByTestId('subject-row').first()).toContainText('Write a service account as namespace/name');
  await page.getByLabel('Kind of member 1', { exact: true }).selectOption('User');
  await page.getByLabel('Name of member 1', { exact: true }).fill('dev');
  await expect(page.getByTestId('subject-row').first()).not.toContainText('namespace/name');
  await page.getByRole('textbox', { name: /^Space limit/ }).fill('two');
  await expect(page.getByText('A whole number of spaces')).toBeVisible();
  await page.getByRole('textbox', { name: /^Space limit/ }).fill('2');
  await page.getByLabel("Members' role in each space").selectOption('kiosk-space-admin');
  await page.getByRole('textbox', { name: /^Labels/ }).fill('team=e2e');
  await page.getByRole('button', { name: 'Add template' }).click();
  await page.getByLabel('Template 1', { exact: true }).selectOption(template);
  await page.getByLabel('GREETING', { exact: true }).fill('Hello!');
  await expect(page.getByText('Must match ^[a-z]+$.')).toBeVisible();
  await page.getByLabel('GREETING', { exact: true }).fill('hello');
  await expect(page.getByText('Must match ^[a-z]+$.')).toHaveCount(0);
  await shoot(page, 'new-account-light');
  await chooseTheme(page, 'Dark');
  await expectAccessible(page, 'New account, filled in, dark');
  await shoot(page, 'new-account-dark');
  await chooseTheme(page, 'Light');
  await page.getByRole('button', { name: 'Create account' }).click();

  await page.waitForURL(`**/accounts/${account}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(account);
  const made = await kubectlJson(['get', 'accounts.config.kiosk.sh', account]);
  expect(made.spec).toEqual({
    subjects: [{ kind: 'User', name: 'dev', apiGroup: 'rbac.authorization.k8s.io' }],
    space: {
      limit: 2, clusterRole: 'kiosk-space-admin',
      templateInstances: [{ spec: { template, parameters: [{ name: 'GREETING', value: 'hello' }] } }],
      spaceTemplate: { metadata: { labels: { team: 'e2e' } } },
    },
  });

  // The quota: resources picked or typed, amounts checked as typed by the controller's quantity parser.
  await page.getByRole('link', { name: 'Add a quota' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New quota' })).toBeVisible();
  await expect(page.locator('datalist option[value="count/deployments.apps"]')).toHaveCount(1);
  await page.getByLabel('Quota name', { exact: true }).fill(quota);
  await page.getByRole('combobox', { name: 'Resource', exact: true }).first().fill('pods');
  await page.getByRole('textbox', { name: 'Limit', exact: true }).first().fill('3');
  await page.getByRole('button', { name: 'Add limit' }).click();
  await page.getByRole('combobox', { name: 'Resource', exact: true }).nth(1).fill('requests.cpu');
  await page.getByRole('textbox', { name: 'Limit', exact: true }).nth(1).fill('1.5x');
  await expect(page.getByTestId('hard-row').nth(1)).toContainText('Not a quantity');
  await page.getByRole('textbox', { name: 'Limit', exact: true }).nth(1).fill('1500m');
  await expect(page.getByTestId('hard-row').nth(1)).toContainText('= 1.5 cores');
  await expectAccessible(page, 'New quota');
  await shoot(page, 'new-quota-light');
  await page.getByRole('button', { name: 'Create quota' }).click();

  await page.waitForURL(`**/accounts/${account}`);
  await expect(bar(page, 'pods')).toHaveAttribute('aria-valuetext', '0 of 3 (0%)');
  const q = await kubectlJson(['get', 'accountquota', quota]);
  expect(q.spec).toEqual({ account, quota: { hard: { pods: '3', 'requests.cpu': '1500m' } } });
  await expectAccessible(page, 'Account page with admin actions');
});

test('dev creates a space in it, starts pods and sees the quota move; the admin pages refuse dev with no data', async ({ page }) => {
  await signIn(page, 'dev', `/spaces/new?account=${account}`);
  const form = new NewSpacePage(page);
  await form.create(account, space);
  await expect(form.done()).toBeVisible({ timeout: 60_000 });
  // The mandatory template was deployed with the admin's parameter.
  expect((await kubectlJson(['get', 'configmap', 'greeting', '-n', space])).data).toEqual({ text: 'hello' });
  expect((await kubectlJson(['get', 'namespace', space])).metadata.labels.team).toBe('e2e');

  await page.goto(`/accounts/${account}`);
  await expect(bar(page, 'pods')).toHaveAttribute('aria-valuetext', '0 of 3 (0%)');
  await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete' })).toHaveCount(0);
  await kubectlOk(['create', '-f', '-', '--as=dev'], JSON.stringify(pod('first')));
  await expect(bar(page, 'pods')).toHaveAttribute('aria-valuetext', '1 of 3 (33%)', { timeout: 30_000 });
  await kubectlOk(['create', '-f', '-', '--as=dev'], JSON.stringify(pod('second')));
  await expect(bar(page, 'pods')).toHaveAttribute('aria-valuetext', '2 of 3 (67%)', { timeout: 30_000 });
  await expect(bar(page, 'requests.cpu')).toHaveAttribute('aria-valuetext', '500m of 1500m (33%)');

  for (const [path, refusal] of [
    ['/accounts/new', 'cannot create resource "accounts"'],
    [`/accounts/${account}/edit`, 'cannot patch resource "accounts"'],
    [`/accounts/${account}/quotas/new`, 'cannot create resource "accountquotas"'],
    [`/accounts/${account}/quotas/${quota}/edit`, 'cannot patch resource "accountquotas"'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByTestId('not-allowed')).toContainText(refusal);
    await expect(page.locator('form')).toHaveCount(0);
    await expect(page.getByText(template)).toHaveCount(0);
  }
  await expectAccessible(page, 'Admin page, not allowed');
  await shoot(page, 'dev-not-allowed');
});

test('an edit made stale by someone else is refused with the current values, never overwriting them', async ({ page }) => {
  await signIn(page, 'admin', `/accounts/${account}/edit`);
  await expect(page.getByRole('textbox', { name: /^Space limit/ })).toHaveValue('2');
  await expectAccessible(page, 'Edit account');
  await page.getByRole('textbox', { name: /^Space limit/ }).fill('5');
  // Someone else raises the limit to 4 meanwhile.
  await kubectlOk(['patch', 'accounts.config.kiosk.sh', account, '--type=merge', '-p', '{"spec":{"space":{"limit":4}}}']);
  await page.getByRole('button', { name: 'Save changes' }).click();
  const conflict = page.getByTestId('conflict');
  await expect(conflict).toContainText('Someone else changed this account');
  await expect(conflict.getByTestId('conflict-row').filter({ hasText: 'Space limit' }).getByTestId('conflict-current')).toHaveText('4');
  expect((await kubectlJson(['get', 'accounts.config.kiosk.sh', account])).spec.space.limit).toBe(4);
  await expectAccessible(page, 'Edit account, conflict');
  await shoot(page, 'edit-conflict-light');
  await chooseTheme(page, 'Dark');
  await shoot(page, 'edit-conflict-dark');
  await chooseTheme(page, 'Light');

  await conflict.getByRole('button', { name: 'Start again from the current values' }).click();
  await expect(page.getByRole('textbox', { name: /^Space limit/ })).toHaveValue('4');
  await page.getByRole('textbox', { name: /^Space limit/ }).fill('5');
  await page.getByLabel('Delete the spaces when the account is deleted').check();
  await page.getByLabel('Delete the spaces when the account is deleted').uncheck();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.waitForURL(`**/accounts/${account}`);
  const saved = await kubectlJson(['get', 'accounts.config.kiosk.sh', account]);
  expect(saved.spec.space.limit).toBe(5);
  expect(saved.spec.space.templateInstances).toEqual([{ spec: { template, parameters: [{ name: 'GREETING', value: 'hello' }] } }]);

  // The quota's usage moves its resourceVersion all the time; only a change of its limits is a conflict.
  await page.goto(`/accounts/${account}/quotas/${quota}/edit`);
  await expect(page.getByTestId('hard-row').first()).toContainText('2 used now');
  await page.getByRole('textbox', { name: 'Limit', exact: true }).first().fill('6');
  await kubectlOk(['patch', 'accountquota', quota, '--type=merge', '-p', '{"spec":{"quota":{"hard":{"pods":"10"}}}}']);
  await page.getByRole('button', { name: 'Save limits' }).click();
  await expect(page.getByTestId('conflict')).toContainText('Someone else changed this quota');
  await expect(page.getByTestId('conflict').getByTestId('conflict-row').filter({ hasText: 'pods' }).getByTestId('conflict-current')).toHaveText('10');
  expect((await kubectlJson(['get', 'accountquota', quota])).spec.quota.hard.pods).toBe('10');
  await expectAccessible(page, 'Edit quota, conflict');
});

test('deleting the account says its space is kept, and keeps it', async ({ page }) => {
  await signIn(page, 'admin', `/accounts/${account}`);
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog.getByTestId('delete-account-consequence')).toContainText('Its 1 space will be kept');
  await expectAccessible(page, 'Delete account dialog');
  await shoot(page, 'delete-dialog');
  await expect(dialog.getByRole('button', { name: 'Delete account' })).toBeDisabled();
  await dialog.getByRole('textbox').fill(account);
  await dialog.getByRole('button', { name: 'Delete account' }).click();
  await page.waitForURL((u) => u.pathname === '/accounts');
  await expect.poll(async () => (await kubectl(['get', 'accounts.config.kiosk.sh', account])).code).not.toBe(0);
  expect((await kubectl(['get', 'namespace', space])).code).toBe(0);
});
