import { beforeAll, describe, expect, it } from 'vitest';
import { consoleClientId, idpIssuer } from '../../scripts/lib/idp';
import { consoleUrl } from '../../scripts/lib/paths';
import { eventually, kubectlWithToken } from '../support/kubectl';
import { DevIdpSignInError, refreshAtDevIdp, signInAtDevIdp, signOutAtDevIdp, type DevIdpTokens } from '../support/oidc-login';

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());

async function whoami(token: string): Promise<{ username: string; groups: string[] }> {
  const r = await kubectlWithToken(token, ['auth', 'whoami', '-o', 'json']);
  if (r.code !== 0) throw new Error(`kubectl auth whoami failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout).status.userInfo;
}

describe('the development identity provider, trusted by kube-apiserver', () => {
  let dev: DevIdpTokens;

  beforeAll(async () => {
    dev = await signInAtDevIdp('dev');
    // kube-apiserver loads the issuer's discovery in the background and retries every 10 s until the provider answers.
    await eventually(async () => (await kubectlWithToken(dev.idToken, ['auth', 'whoami'])).code === 0, 'kube-apiserver to trust the provider', 60_000);
  });

  it("dev's ID token is dev's kubectl credential, checked by the API server's signature verification", async () => {
    const claims = claimsOf(dev.idToken);
    expect(claims).toMatchObject({ iss: idpIssuer, aud: consoleClientId, sub: 'dev', preferred_username: 'dev', email: 'dev@atrium.example' });
    expect(dev.expiresAt).toBe(claims.exp);
    const me = await whoami(dev.idToken);
    expect(me.username).toBe('dev');
    expect(me.groups).toContain('system:authenticated');

    // The same token with one signature character changed is nobody.
    const [header, payload, signature] = dev.idToken.split('.');
    const forged = `${header}.${payload}.${signature!.startsWith('A') ? 'B' : 'A'}${signature!.slice(1)}`;
    const refused = await kubectlWithToken(forged, ['auth', 'whoami']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/Unauthorized|must be logged in/);
  });

  it("alice's token carries her group team-a, and the API server sees it", async () => {
    const alice = await signInAtDevIdp('alice');
    expect(claimsOf(alice.idToken).groups).toEqual(['team-a']);
    const me = await whoami(alice.idToken);
    expect(me.username).toBe('alice');
    expect(me.groups).toContain('team-a');
    expect(me.groups).not.toContain('team-b');
  });

  it('a wrong password, or an unknown user, is refused on the sign-in page', async () => {
    for (const [user, password] of [['dev', 'not-the-password'], ['mallory', undefined]] as const) {
      const err = await signInAtDevIdp(user, password).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(DevIdpSignInError);
      expect((err as DevIdpSignInError).message).toBe('Wrong username or password');
      // The sign-in form is shown again, for another try, and nothing went to the console.
      expect((err as DevIdpSignInError).status).toBe(200);
      expect((err as DevIdpSignInError).page).toMatch(/Sign in to continue to Atrium console Username/);
    }
  });

  it('a refresh token yields a new ID token, which the API server also accepts', async () => {
    await new Promise((r) => setTimeout(r, 1100)); // so the new token's iat is a later second
    const refreshed = await refreshAtDevIdp(dev.refreshToken);
    expect(refreshed.idToken).not.toBe(dev.idToken);
    const claims = claimsOf(refreshed.idToken);
    expect(claims.sub).toBe('dev');
    expect(claims.iat).toBeGreaterThan(claimsOf(dev.idToken).iat);
    expect((await whoami(refreshed.idToken)).username).toBe('dev');
  });

  it("admin's token may list nodes (cluster-admin in the dev cluster); dev's may not", async () => {
    const admin = await signInAtDevIdp('admin');
    const nodes = await kubectlWithToken(admin.idToken, ['get', 'nodes', '-o', 'name']);
    expect(nodes.stderr).toBe('');
    expect(nodes.stdout).toMatch(/^node\//m);

    const denied = await kubectlWithToken(dev.idToken, ['get', 'nodes', '-o', 'name']);
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toContain('User "dev" cannot list resource "nodes"');
  });

  it('signing out at the provider returns exactly to the console sign-in page and ends the refresh token', async () => {
    const bob = await signInAtDevIdp('bob');
    expect(await signOutAtDevIdp(bob)).toBe(`${consoleUrl}/signin`);
    await expect(refreshAtDevIdp(bob.refreshToken)).rejects.toThrow(/invalid_grant/);
  });
});
