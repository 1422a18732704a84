import { expect as baseExpect, test } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { signIn } from './support/sign-in';
import { chooseTheme, NewSpacePage, SpacePage, SpacesPage } from './support/spaces-pages';
import { kubectlOk } from '../test/support/kubectl';
import { createSpacesFixture, deleteSpacesFixture, namespaceExists, type SpacesFixture } from './support/tenancy-fixtures';

// Pages read the cluster as the person; on a busy two-core CI machine that can take more than the default 5 s.
const expect = baseExpect.configure({ timeout: 20_000 });

// The development identity provider serves HTTPS with a certificate from the dev cluster's own CA.
test.use({ ignoreHTTPSErrors: true });
// One story per account: the steps share the account's space limit, so they run in order.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

let f: SpacesFixture;
const pick = (h: Record<string, string>, keys: string[]) => Object.fromEntries(keys.filter((k) => h[k] !== undefined).map((k) => [k, h[k]!]));
test.beforeAll(async () => {
  f = await createSpacesFixture();
});
test.afterAll(async () => {
  if (f) await deleteSpacesFixture(f);
});

test.describe('a tenant and their spaces', () => {
  test('dev sees dev\'s spaces, with the account\'s space count against its limit, and never dba\'s', async ({ page }) => {
    await signIn(page, 'dev', `/spaces?q=${f.id}`);
    const spaces = new SpacesPage(page);
    await expect(spaces.row(f.devSpace)).toBeVisible();
    expect(await spaces.names()).toEqual([f.devSpace]);
    await expect(spaces.row(f.devSpace)).toContainText(f.devAccount);
    await expect(spaces.row(f.devSpace).getByRole('meter', { name: 'Spaces used' })).toHaveAttribute('aria-valuetext', `1 of ${f.limit} spaces`);
    await expect(spaces.row(f.devSpace).getByTestId('space-phase')).toHaveText('Active');
    await expectAccessible(page, 'My spaces');

    // Dark theme: chosen in the top bar, kept in a cookie, rendered by the server on the next load.
    await chooseTheme(page, 'Dark');
    await expect(page.locator('html')).toHaveClass(/\bdark\b/);
    await page.reload();
    await expect(page.locator('html')).toHaveClass(/\bdark\b/);
    await expectAccessible(page, 'My spaces, dark');
    // Keyboard: the first Tab reaches "Skip to content", which moves focus past the header to the page.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('#main')).toBeFocused();
    await chooseTheme(page, 'System');
    await expect(page.locator('html')).not.toHaveClass(/\b(dark|light)\b/);

    // The search runs on the server: a word that matches nothing of dev's leaves the helpful empty state.
    await spaces.search(`${f.id}-dba`);
    await expect(page.getByRole('heading', { name: 'No spaces match' })).toBeVisible();
    await expect(spaces.rows()).toHaveCount(0);

    // dba's space by its URL is exactly as absent as a space that does not exist.
    await new SpacePage(page).goto(f.dbaSpace);
    await expect(page.getByRole('heading', { name: 'Space not found' })).toBeVisible();
    await expect(page.getByText(f.dbaAccount)).toHaveCount(0);
  });

  test('dev creates a space and watches its required template deploy until it is ready', async ({ page }) => {
    const name = `${f.id}-dev-two`;
    await signIn(page, 'dev', `/spaces/new?account=${f.devAccount}`);
    const form = new NewSpacePage(page);
    await expect(page.getByRole('radio', { name: new RegExp(`^${f.devAccount}`) })).toBeChecked();
    await expect(page.getByText(f.template)).toBeVisible();
    await expectAccessible(page, 'New space form');

    // The name is checked while typing.
    await form.nameInput().fill('Bad_Name');
    await expect(page.getByText('Use lowercase letters only.')).toBeVisible();
    await expect(form.nameInput()).toHaveAttribute('aria-invalid', 'true');

    await form.create(f.devAccount, name);
    await expect(form.step(`tpl-${f.template}`)).toBeVisible();
    await expect(form.done()).toHaveText(new RegExp(`Space ${name} is ready`), { timeout: 60_000 });
    await expect(form.step(`tpl-${f.template}`)).toHaveAttribute('data-state', 'done');
    await expectAccessible(page, 'New space progress');

    await page.getByRole('link', { name: 'Open space' }).click();
    const space = new SpacePage(page);
    await expect(space.heading()).toHaveText(name);
    // Deployed when the person's role may read TemplateInstances; otherwise shown from the account as applied.
    await expect(space.template(f.template)).toContainText(/Deployed|Applied at creation/);
    await expect(space.template(f.template)).toContainText(`Required by ${f.devAccount}`);
    await expect(space.section('limit-ranges')).toContainText('container-limit-range');
    await expectAccessible(page, 'Space page');
    expect(await namespaceExists(name)).toBe(true);
  });

  test('past the account\'s limit, dev gets the cluster\'s exact message and what to do', async ({ page }) => {
    const name = `${f.id}-dev-three`;
    await signIn(page, 'dev', '/spaces/new');
    const form = new NewSpacePage(page);
    await form.create(f.devAccount, name);
    await expect(form.error()).toContainText(`spaces.tenancy.kiosk.sh "${name}" is forbidden: space limit of ${f.limit} reached for account ${f.devAccount}`);
    await expect(form.error()).toContainText('ask a cluster admin to raise');
    // The form keeps what was typed, to try another account or name.
    await expect(form.nameInput()).toHaveValue(name);
    expect(await namespaceExists(name)).toBe(false);
  });

  test('dev deletes a space by typing its name; it shows Terminating until gone; the same request naming dba\'s space is refused', async ({ page }) => {
    await signIn(page, 'dev', `/spaces/${f.devSpace}`);
    const space = new SpacePage(page);
    const action = page.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action']);
    await space.delete(f.devSpace);
    const sent = await action;
    await expect(page.getByTestId('terminating').or(page.getByText(`Space ${f.devSpace} is being deleted.`))).toBeVisible();
    await page.waitForURL(/\/spaces\?deleted=/, { timeout: 90_000 });
    await expect.poll(() => namespaceExists(f.devSpace), { timeout: 30_000 }).toBe(false);
    const spaces = new SpacesPage(page);
    await spaces.goto(f.id);
    await expect(spaces.row(f.devSpace)).toHaveCount(0);

    // Replay dev's own delete request with dba's space in it: the console acts as dev, so the cluster refuses.
    const body = sent.postData() ?? '';
    expect(body).toContain(f.devSpace);
    const replay = await page.request.post(sent.url(), {
      headers: pick(await sent.allHeaders(), ['next-action', 'next-router-state-tree', 'content-type', 'accept', 'origin']),
      data: body.replaceAll(f.devSpace, f.dbaSpace),
    });
    const answer = await replay.text();
    expect(answer).toMatch(new RegExp(`spaces\\.tenancy\\.kiosk\\.sh \\\\?"${f.dbaSpace}\\\\?" not found`));
    expect(await namespaceExists(f.dbaSpace)).toBe(true);
  });

  test('whoever may list templates picks optional ones; their parameters are checked before submit and the instance deploys', async ({ page }) => {
    const name = `${f.id}-admin-one`;
    await signIn(page, 'admin', `/spaces/new?account=${f.adminAccount}`);
    const form = new NewSpacePage(page);
    await page.getByRole('checkbox', { name: new RegExp(f.optionalTemplate) }).check();
    const greeting = page.getByRole('textbox', { name: 'GREETING' });
    await expect(page.getByRole('textbox', { name: /TIER/ })).toHaveValue('web');
    await form.nameInput().fill(name);
    await page.getByRole('button', { name: 'Create space' }).click();
    await expect(page.getByText('Required: the template needs a value.')).toBeVisible();
    await greeting.fill('Hello');
    await expect(page.getByText('Must match ^[a-z]+$.')).toBeVisible();
    expect(await namespaceExists(name)).toBe(false);
    await expectAccessible(page, 'New space form with template parameters');

    await greeting.fill('hello');
    await page.getByRole('button', { name: 'Create space' }).click();
    await expect(form.step(`tpl-${f.optionalTemplate}`)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(form.done()).toHaveText(new RegExp(`Space ${name} is ready`));
    expect(JSON.parse(await kubectlOk(['get', 'configmap', 'greeting', '-n', name, '-o', 'jsonpath={.data}']))).toEqual({ text: 'hello', tier: 'web' });
  });
});
