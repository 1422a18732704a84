import { expect, type Locator, type Page } from '@playwright/test';

/** /spaces: the person's spaces. */
export class SpacesPage {
  constructor(readonly page: Page) {}

  async goto(q?: string) {
    await this.page.goto(q ? `/spaces?q=${encodeURIComponent(q)}` : '/spaces');
    await expect(this.page.getByRole('heading', { level: 1, name: 'Spaces' })).toBeVisible();
  }

  rows(): Locator {
    return this.page.getByTestId('space-row');
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid="space-row"][data-space="${name}"]`);
  }

  async names(): Promise<string[]> {
    return this.rows().evaluateAll((rows) => rows.map((r) => r.getAttribute('data-space') ?? ''));
  }

  async search(text: string) {
    await this.page.getByRole('searchbox', { name: 'Search spaces' }).fill(text);
    await this.page.waitForURL((u) => u.searchParams.get('q') === text);
  }
}

/** /spaces/new: the create form and, after submitting, the live progress. */
export class NewSpacePage {
  constructor(readonly page: Page) {}

  async goto(account?: string) {
    await this.page.goto(account ? `/spaces/new?account=${encodeURIComponent(account)}` : '/spaces/new');
    await expect(this.page.getByRole('heading', { level: 1, name: 'New space' })).toBeVisible();
  }

  async chooseAccount(name: string) {
    await this.page.getByRole('radio', { name: new RegExp(`^${name}\\b`) }).check();
  }

  nameInput(): Locator {
    return this.page.getByRole('textbox', { name: 'Name' });
  }

  async create(account: string, name: string) {
    await this.chooseAccount(account);
    await this.nameInput().fill(name);
    await this.page.getByRole('button', { name: 'Create space' }).click();
  }

  step(id: string): Locator {
    return this.page.getByTestId(`step-${id}`);
  }

  error(): Locator {
    return this.page.getByTestId('create-error');
  }

  done(): Locator {
    return this.page.getByTestId('create-done');
  }
}

/** /spaces/<name>: one space, live. */
export class SpacePage {
  constructor(readonly page: Page) {}

  async goto(name: string) {
    await this.page.goto(`/spaces/${encodeURIComponent(name)}`);
  }

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  template(name: string): Locator {
    return this.page.locator(`[data-testid="template-row"][data-template="${name}"]`);
  }

  section(id: 'workloads' | 'pods' | 'templates' | 'quotas' | 'limit-ranges'): Locator {
    return this.page.getByTestId(id);
  }

  /** Opens the delete dialog, types the name and confirms. */
  async delete(name: string) {
    await this.page.getByRole('button', { name: 'Delete' }).click();
    const dialog = this.page.getByRole('alertdialog');
    await expect(dialog).toBeVisible();
    const confirm = dialog.getByRole('button', { name: 'Delete space' });
    await expect(confirm).toBeDisabled();
    await dialog.getByRole('textbox').fill(name);
    await confirm.click();
  }
}

/** The theme menu of the top bar. */
export async function chooseTheme(page: Page, theme: 'Light' | 'Dark' | 'System') {
  await page.getByTestId('theme-toggle').click();
  await page.getByRole('menuitemradio', { name: theme }).click();
}
