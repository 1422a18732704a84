import { expect, type Page } from '@playwright/test';
import { demoPassword } from './stack';

export type DemoUser = 'admin' | 'dev' | 'dba' | 'alice' | 'bob' | 'carol';

/**
 * Signs in the way a person does: open a protected page, get sent to /signin, choose single sign-on, type the
 * username and password into the development identity provider's own page, and land back on the page asked for.
 */
export async function signIn(page: Page, user: DemoUser, protectedPath = '/spaces'): Promise<void> {
  await page.goto(protectedPath);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.getByRole('button', { name: /^Continue with/ }).click();
  // The provider's page, on its own origin.
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill(demoPassword());
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const want = new URL(protectedPath, 'http://x');
  await page.waitForURL((u) => u.pathname === want.pathname, { timeout: 30_000 });
  await expect(page.getByTestId('identity')).toHaveAccessibleName(`Signed in as ${user}`);
}

/**
 * Signs in with a pasted bearer token (a ServiceAccount token, `aws eks get-token`, or a dev-cluster static
 * token): the console asks the API server who it is and acts with that token.
 */
export async function signInWithToken(page: Page, token: string, protectedPath = '/spaces'): Promise<void> {
  await page.goto(protectedPath);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.getByLabel('Bearer token').fill(token);
  await page.getByRole('button', { name: 'Sign in with token' }).click();
  const want = new URL(protectedPath, 'http://x');
  await page.waitForURL((u) => u.pathname === want.pathname, { timeout: 30_000 });
}
