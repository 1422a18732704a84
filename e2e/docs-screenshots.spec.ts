import path from 'node:path';
import { expect as baseExpect, test } from '@playwright/test';
import { signIn } from './support/sign-in';
import { NewSpacePage, SpacePage, SpacesPage } from './support/spaces-pages';
import { createSpacesFixture, deleteSpacesFixture, type SpacesFixture } from './support/tenancy-fixtures';
import { root } from '../scripts/lib/paths';
import { kubectl, kubectlOk } from '../test/support/kubectl';

// The screenshots of docs/eks.md, taken from the running console on every browser run so they never drift from
// the product: the walkthrough's tenant steps (sign in, see your spaces, create one, look at it, the account's quota).

const expect = baseExpect.configure({ timeout: 20_000 });
const shot = (name: string) => ({ path: path.join(root, 'docs/images', `${name}.png`), fullPage: false });

test.use({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 720 }, colorScheme: 'light' });
test.describe.configure({ mode: 'serial', timeout: 120_000 });

let f: SpacesFixture;
const quota = () => `${f.id}-default-user-limits`;
test.beforeAll(async () => {
  f = await createSpacesFixture();
  // The walkthrough's node-quota.yml, for dev's account.
  await kubectlOk(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'AccountQuota', metadata: { name: quota() },
    spec: { account: f.devAccount, quota: { hard: { pods: '2', 'limits.cpu': '4' } } } }));
});
test.afterAll(async () => {
  if (f) {
    await kubectl(['delete', 'namespace', `${f.id}-dev-two`, '--wait=false', '--ignore-not-found']);
    await kubectl(['delete', 'accountquota', quota(), '--ignore-not-found']);
    await deleteSpacesFixture(f);
  }
});

test('docs/eks.md screenshots: a tenant\'s steps in the console', async ({ page }) => {
  await page.goto('/signin');
  await expect(page.getByRole('heading', { name: 'Sign in to your cluster' })).toBeVisible();
  await page.screenshot(shot('eks-sign-in'));

  await signIn(page, 'dev', `/spaces?q=${f.id}`);
  const spaces = new SpacesPage(page);
  await expect(spaces.row(f.devSpace)).toBeVisible();
  await page.screenshot(shot('eks-spaces'));

  const created = `${f.id}-dev-two`;
  const form = new NewSpacePage(page);
  await form.goto(f.devAccount);
  await form.chooseAccount(f.devAccount);
  await form.nameInput().fill(created);
  await page.screenshot(shot('eks-new-space'));
  await page.getByRole('button', { name: 'Create space' }).click();
  await expect(form.done()).toBeVisible({ timeout: 60_000 });

  const space = new SpacePage(page);
  await space.goto(created);
  await expect(space.heading()).toContainText(created);
  await page.screenshot(shot('eks-space'));

  await page.goto(`/accounts/${f.devAccount}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText(quota())).toBeVisible();
  await page.screenshot(shot('eks-account'));
});
