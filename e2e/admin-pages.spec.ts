import { expect as baseExpect, test, type ConsoleMessage, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { signIn } from './support/sign-in';
import { chooseTheme } from './support/spaces-pages';
import { eventually, kubectl, kubectlJson, kubectlOk, uniqueName } from '../test/support/kubectl';

// Pages read the cluster as the person; on a busy two-core machine that can take more than the default 5 s.
const expect = baseExpect.configure({ timeout: 20_000 });
test.use({ ignoreHTTPSErrors: true });
test.describe.configure({ timeout: 150_000 });

const id = uniqueName('e2e-adm');
const account = `${id}-acct`;
const template = `${id}-tpl`;
const spaces = [`${id}-one`, `${id}-two`, `${id}-keep`];

const templateYaml = () => `apiVersion: config.kiosk.sh/v1alpha1
kind: Template
metadata:
  name: ${template}
parameters:
  - name: TEAM
    required: true
    validation: "^[a-z]+$"
  - name: IMMUTABLE
    value: "false"
resources:
  manifests:
    - apiVersion: v1
      kind: ConfigMap
      metadata:
        name: team-info
        labels: {team: "\${TEAM}"}
      immutable: "\${{IMMUTABLE}}"
      data:
        space: \${NAMESPACE}
        account: \${ACCOUNT}
`;

test.beforeAll(async () => {
  await kubectlOk(['apply', '-f', '-'], templateYaml());
  await kubectlOk(['apply', '-f', '-'], JSON.stringify({
    apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name: account, labels: { tier: 'gold' } },
    spec: { subjects: [{ kind: 'User', name: 'dev', apiGroup: 'rbac.authorization.k8s.io' }], space: { templateInstances: [{ spec: { template, parameters: [{ name: 'TEAM', value: 'blue' }] } }] } },
  }));
  for (const s of spaces) await kubectlOk(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: s, labels: { 'kiosk.sh/account': account } } }));
});
test.afterAll(async () => {
  await kubectl(['delete', 'namespace', ...spaces, '--ignore-not-found', '--wait=false']);
  await kubectl(['delete', 'account', account, '--ignore-not-found', '--wait=false']);
  await kubectl(['delete', 'template', template, '--ignore-not-found', '--wait=false']);
});

/** Switches the theme and waits for colour transitions to end, so contrast is checked on the final colours. */
async function theme(page: Page, which: 'Dark' | 'Light') {
  await chooseTheme(page, which);
  await expect(page.locator('html')).toHaveClass(which === 'Dark' ? /\bdark\b/ : /\blight\b/);
  await page.evaluate(() => Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished)));
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/admin-${name}.png`, fullPage: true });
}

/** Replaces the editor's text the way a paste does (no auto-indent on the way in). */
async function replaceEditorText(page: Page, text: string) {
  const editor = page.getByRole('textbox', { name: 'Template YAML' });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

const cspErrors = (page: Page) => {
  const seen: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error' && /Content Security Policy|CSP/i.test(m.text())) seen.push(m.text());
  });
  return seen;
};

test('admin previews a template for a space name and sees the rendered objects', async ({ page }) => {
  const csp = cspErrors(page);
  await signIn(page, 'admin', '/templates');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Templates' })).toBeVisible();
  const row = page.getByTestId('templates-table').locator('tbody tr').filter({ hasText: template });
  await expect(row).toContainText(account);
  await expectAccessible(page, 'Templates');
  await row.getByRole('link', { name: template }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(template);
  await expect(page.getByRole('textbox', { name: 'Template YAML' })).toContainText('kind: Template');
  await expect(page.getByTestId('template-problems')).toHaveText('No problems found.');
  await expect(page.getByTestId('parameters-table')).toContainText('IMMUTABLE');
  await expect(page.getByTestId('mandatory-table')).toContainText('TEAM=blue');
  // the controller made the account's mandatory instance in each space
  await expect(page.getByTestId('instances-table').locator('tbody tr')).toHaveCount(3, { timeout: 60_000 });

  await page.getByLabel('Account', { exact: true }).selectOption(account);
  await expect(page.getByLabel('TEAM', { exact: true })).toHaveValue('blue');
  await page.getByLabel('Space name', { exact: true }).fill('preview-me');
  await page.getByRole('button', { name: 'Preview' }).click();
  const object = page.getByTestId('preview-object');
  await expect(object).toHaveCount(1);
  await expect(object).toContainText('manifests[0] (ConfigMap team-info)');
  await expect(object).toContainText('space: preview-me');
  await expect(object).toContainText(`account: ${account}`);
  await expect(object).toContainText('team: blue');
  // ${{IMMUTABLE}} is typed: the default "false" becomes a boolean
  await expect(object).toContainText('immutable: false');
  await expectAccessible(page, 'Template editor with a preview');
  await shoot(page, 'template-light');
  await theme(page, 'Dark');
  await expectAccessible(page, 'Template editor, dark');
  await shoot(page, 'template-dark');
  await theme(page, 'Light');

  // the sync switch changes the instance in the cluster, as the person
  const first = page.getByTestId('instances-table').locator('tbody tr').filter({ hasText: spaces[0]! });
  await first.getByRole('switch').click();
  await eventually(async () => (await kubectlJson(['get', 'templateinstance', template, '-n', spaces[0]!])).spec.sync === true, 'sync on', 20_000);
  expect(csp, 'no CSP violations from the editor').toEqual([]);
});

test('the preview asks the API server: a space that does not exist is said, each object gets its answer, a value the schema refuses is shown', async ({ page }) => {
  await signIn(page, 'admin', `/templates/${template}`);
  await expect(page.getByLabel('Check with the API server')).toBeChecked();
  await page.getByLabel('Account', { exact: true }).selectOption(account);
  await page.getByLabel('Space name', { exact: true }).fill('preview-me');
  await page.getByRole('button', { name: 'Preview' }).click();
  const result = page.getByTestId('preview-result');
  await expect(result).toContainText('Space preview-me does not exist, so the API server could not check the objects');
  await expect(page.getByTestId('preview-object')).toHaveCount(1);
  await expect(page.getByTestId('preview-verdict')).toHaveCount(0);

  // an existing space of the account: its mandatory instance made team-info already, so this is checked as the change
  await page.getByLabel('Space name', { exact: true }).fill(spaces[2]!);
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByTestId('preview-verdict')).toHaveText('Accepted by the API server (dry run)');

  // the renderer takes any YAML in data; the API server wants strings there, and says so
  await replaceEditorText(page, templateYaml().replace('account: ${ACCOUNT}', 'replicas: 3'));
  await expect(page.getByTestId('template-problems')).toHaveText('No problems found.');
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByTestId('preview-verdict')).toHaveText('Refused by the API server');
  await expect(page.getByTestId('preview-refusal')).toContainText('data');
  await expectAccessible(page, 'Template preview with an answer of the API server');
  await shoot(page, 'template-dry-run');
  // nothing was stored: the space's team-info is still the instance's
  const stored = await eventually(async () => (await kubectl(['get', 'configmap', 'team-info', '-n', spaces[2]!, '-o', 'json'])).stdout || undefined, 'team-info deployed', 60_000);
  expect(JSON.parse(stored).data).toEqual({ space: spaces[2], account });
});

test('an invalid template shows an error at the right line, and a render error points at its line', async ({ page }) => {
  await signIn(page, 'admin', `/templates/${template}`);
  await replaceEditorText(page, templateYaml().replace('    required: true', '    required: maybe'));
  const problems = page.getByTestId('template-problems');
  await expect(problems).toContainText('Line 7');
  await expect(problems).toContainText('parameters[0].required must be true or false, not a string.');
  await expect(page.locator('.cm-lintRange-error')).toHaveCount(1);
  await expect(page.getByTestId('save-template')).toBeDisabled();
  await expectAccessible(page, 'Template editor with errors');
  await shoot(page, 'template-invalid');

  // valid schema, but a typed parameter that is not YAML: the renderer refuses, at the line of the manifest field
  await replaceEditorText(page, templateYaml().replace('value: "false"', 'value: "[unclosed"'));
  await expect(problems).toHaveText('No problems found.');
  await page.getByLabel('Account', { exact: true }).selectOption(account);
  await page.getByLabel('Space name', { exact: true }).fill('preview-me');
  await page.getByRole('button', { name: 'Preview' }).click();
  const result = page.getByTestId('preview-result');
  await expect(result).toContainText('manifests[0].immutable');
  await expect(result.getByRole('button', { name: 'line 18' })).toBeVisible();
  await expect(problems).toContainText('Line 18');
});

test('a stale edit is detected and shows the current version instead of overwriting it', async ({ page }) => {
  await signIn(page, 'admin', `/templates/${template}`);
  await expect(page.getByRole('textbox', { name: 'Template YAML' })).toContainText('kind: Template');
  await replaceEditorText(page, templateYaml().replace('value: "false"', 'value: "true"'));
  // someone else changes it between load and save
  await kubectlOk(['annotate', 'template', template, 'changed-by=kubectl', '--overwrite']);
  await page.getByTestId('save-template').click();
  await expect(page.getByTestId('save-result')).toContainText(`Someone else changed Template ${template}`);
  await expect(page.getByTestId('conflict')).toContainText('changed-by: kubectl');
  expect((await kubectlJson(['get', 'template', template])).parameters[1].value).toBe('false');
  await expectAccessible(page, 'Template editor with a conflict');
  await shoot(page, 'template-conflict');

  // starting again from the current version saves
  await page.getByRole('button', { name: 'Load the current version' }).click();
  await expect(page.getByRole('textbox', { name: 'Template YAML' })).toContainText('changed-by: kubectl');
  await page.getByTestId('save-template').click();
  await expect(page.getByTestId('save-result')).toContainText('Saved');
});

test('admin bulk-deletes two spaces, each as the person', async ({ page }) => {
  await signIn(page, 'admin', `/all-spaces?q=${id}`);
  const table = page.getByTestId('all-spaces-table');
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId(`space-row-${spaces[0]}`)).toContainText(account);
  await expectAccessible(page, 'All spaces');
  await shoot(page, 'all-spaces-light');
  await page.getByLabel(`Select ${spaces[0]}`).check();
  await page.getByLabel(`Select ${spaces[1]}`).check();
  await page.getByRole('button', { name: 'Delete selected' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('Delete 2 spaces?');
  await expect(dialog.getByRole('button', { name: 'Delete spaces' })).toBeDisabled();
  await dialog.getByLabel(/Type delete 2 spaces to confirm/).fill('delete 2 spaces');
  await expectAccessible(page, 'Bulk delete dialog');
  await dialog.getByRole('button', { name: 'Delete spaces' }).click();
  await expect(page.getByTestId('bulk-results')).toContainText('2 of 2 deleted');
  for (const s of spaces.slice(0, 2)) {
    await eventually(async () => {
      const r = await kubectl(['get', 'namespace', s, '-o', 'jsonpath={.status.phase}']);
      return r.code !== 0 || r.stdout === 'Terminating';
    }, `${s} deleted`, 30_000);
  }
  expect((await kubectl(['get', 'namespace', spaces[2]!])).code).toBe(0);
  // each delete is in the audit trail under the person's name
  await page.goto(`/audit?q=${spaces[1]}`);
  await expect(page.getByText('space.delete').first()).toBeVisible();
  await theme(page, 'Dark');
  await page.goto(`/all-spaces?q=${id}`);
  await expectAccessible(page, 'All spaces, dark');
  await shoot(page, 'all-spaces-dark');
  await theme(page, 'Light');
});

test('health shows the leader and the tenancy APIService available', async ({ page }) => {
  const lease = await kubectlJson(['get', 'lease', 'atrium-controller', '-n', 'kiosk']);
  await signIn(page, 'admin', '/health');
  await expect(page.getByTestId('health-tenancy-api')).toHaveAttribute('data-level', 'ok');
  await expect(page.getByTestId('health-tenancy-api-summary')).toHaveText('Available');
  await expect(page.getByTestId('health-leader-summary')).toHaveText(lease.spec.holderIdentity);
  await expect(page.getByTestId('health-webhooks')).toContainText('atrium-account-quota');
  // the metrics come from the controller, through the same RBAC question as the service proxy
  await expect(page.getByTestId('health-reconcile-errors')).not.toHaveAttribute('data-level', 'unknown');
  await expectAccessible(page, 'Health');
  await shoot(page, 'health-light');
  await theme(page, 'Dark');
  await expectAccessible(page, 'Health, dark');
  await shoot(page, 'health-dark');
  await theme(page, 'Light');
});

test('dev opening the admin pages sees not-allowed and no data', async ({ page }) => {
  await signIn(page, 'dev', `/templates/${template}`);
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const label of ['Templates', 'All spaces', 'Health']) await expect(nav.getByRole('link', { name: label })).toHaveCount(0);
  await expect(page.getByTestId('not-allowed')).toContainText('forbidden');
  await expect(page.getByText('team-info')).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Template YAML' })).toHaveCount(0);
  await expectAccessible(page, 'Template, not allowed');
  await shoot(page, 'template-dev-not-allowed');
  for (const path of ['/templates', '/templates/new', '/all-spaces', '/health']) {
    await page.goto(path);
    await expect(page.getByTestId('not-allowed'), path).toContainText('forbidden');
    await expect(page.getByText(template)).toHaveCount(0);
    await expect(page.getByText(spaces[2]!)).toHaveCount(0);
  }
  await expectAccessible(page, 'Health, not allowed');
});
