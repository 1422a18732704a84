import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { logFile } from '../scripts/lib/proc';
import { kubectlOk, uniqueName } from '../test/support/kubectl';
import { signIn, signInWithToken } from './support/sign-in';

// Sign-in with a pasted token, the session's secrecy, and the console's request hygiene. The OIDC flow through the
// development provider's page is exercised by every spec that signs in with signIn().

const ns = uniqueName('e2e-auth');
let saToken = '';

test.beforeAll(async () => {
  await kubectlOk(['create', 'namespace', ns]);
  await kubectlOk(['-n', ns, 'create', 'serviceaccount', 'robot']);
  saToken = (await kubectlOk(['-n', ns, 'create', 'token', 'robot', '--duration=1h'])).trim();
});
test.afterAll(async () => {
  await kubectlOk(['delete', 'namespace', ns, '--wait=false']);
});

test('a ServiceAccount token signs in as that ServiceAccount and comes back to the page asked for', async ({ page }) => {
  await signInWithToken(page, saToken, '/spaces/new?from=bookmark');
  await expect(page).toHaveURL(/\/spaces\/new\?from=bookmark$/);
  await page.getByTestId('identity').click();
  await expect(page.getByTestId('identity-username')).toHaveText(`system:serviceaccount:${ns}:robot`);
  await expect(page.getByText('Bearer token', { exact: true })).toBeVisible();
});

test('a token the API server does not accept is refused with what to do next', async ({ page }) => {
  await page.goto('/spaces');
  await page.getByLabel('Bearer token').fill('this-is-not-a-token');
  await page.getByRole('button', { name: 'Sign in with token' }).click();
  await expect(page.getByText(/did not accept this token.*get a fresh one/)).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});

test('the token never reaches the browser: not in the session JSON, the page, or a readable cookie', async ({ page, context }) => {
  await signInWithToken(page, saToken);
  const session = await page.evaluate(() => fetch('/api/auth/session').then((r) => r.text()));
  expect(JSON.parse(session).person.username).toBe(`system:serviceaccount:${ns}:robot`);
  expect(session).not.toContain(saToken);
  expect(await page.content()).not.toContain(saToken);
  const cookies = await context.cookies();
  const sessionCookie = cookies.find((c) => c.name.includes('authjs.session-token'));
  expect(sessionCookie, 'session cookie').toBeDefined();
  expect(sessionCookie!.httpOnly).toBe(true);
  expect(sessionCookie!.sameSite).toBe('Lax');
  expect(sessionCookie!.value).not.toContain(saToken.slice(0, 40)); // encrypted, not merely encoded
  expect(await page.evaluate(() => document.cookie)).not.toContain('session-token');
});

test('the token never reaches the console log', async ({ page }) => {
  await signInWithToken(page, saToken);
  const log = logFile('console');
  test.skip(!existsSync(log), 'the console of this stack does not log to .atrium/logs');
  expect(readFileSync(log, 'utf8')).not.toContain(saToken.slice(0, 60));
});

test('pages carry a nonce CSP that forbids framing, and nosniff', async ({ request }) => {
  const res = await request.get('/signin');
  const csp = res.headers()['content-security-policy'] ?? '';
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("'unsafe-inline' 'unsafe-eval'");
  expect(res.headers()['x-content-type-options']).toBe('nosniff');
  expect(res.headers()['x-frame-options']).toBe('DENY');
  // A fresh nonce per response: a leaked one is useless for the next page.
  const again = (await request.get('/signin')).headers()['content-security-policy'];
  expect(again).not.toBe(csp);
});

test('a server action posted from another origin is refused before it runs', async ({ page }) => {
  await signInWithToken(page, saToken);
  // The cookie of a signed-in person, riding a request another site makes (what CSRF is).
  const cookieHeader = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const res = await page.request.post('/spaces/new', {
    headers: { Origin: 'https://evil.example', Cookie: cookieHeader, 'Next-Action': '0'.repeat(42), 'Content-Type': 'text/plain;charset=UTF-8' },
    data: '[]',
  });
  expect(res.status()).toBe(403);
  expect(await res.text()).toContain('Cross-origin request refused');
});

test('a route handler write from another origin is refused too', async ({ request }) => {
  const res = await request.post('/api/auth/signout', { headers: { Origin: 'https://evil.example' }, form: { csrfToken: 'x' } });
  expect(res.status()).toBe(403);
});

test('anonymous visitors of any console URL are sent to sign in, then back', async ({ page }) => {
  for (const path of ['/spaces', '/spaces/new', '/spaces/some-space']) {
    await page.goto(path);
    await expect(page).toHaveURL(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  }
});

test('signing out ends the session: protected pages ask to sign in again', async ({ page }) => {
  await signInWithToken(page, saToken);
  await page.getByTestId('identity').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByTestId('signin-notice')).toContainText('You are signed out.');
  await page.goto('/spaces');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fspaces/);
  const session = await page.evaluate(() => fetch('/api/auth/session').then((r) => r.text()));
  expect(session).toBe('null');
});

test('single sign-on: the provider\'s page signs dev in, and signing out ends the provider\'s session too', async ({ page }) => {
  await signIn(page, 'dev', '/spaces');
  await page.getByTestId('identity').click();
  await expect(page.getByTestId('identity-username')).toHaveText('dev');
  await expect(page.getByText('Single sign-on', { exact: true })).toBeVisible();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByTestId('signin-notice')).toContainText('Your session at the identity provider has ended too.', { timeout: 15_000 });
  // The next sign-in asks for the password again instead of passing straight through.
  await page.getByRole('button', { name: /^Continue with/ }).click();
  await expect(page.getByLabel('Password')).toBeVisible();
});
