import { describe, expect, it } from 'vitest';
import { loginPage, wrongCredentials } from './pages';

const base = { action: '/interaction/abc/login', abortAction: '/interaction/abc/abort', clientName: 'Atrium console', usernames: ['dev'] };

describe('the sign-in page', () => {
  it('labels both fields and says nothing is wrong before a try', () => {
    const { html } = loginPage(base);
    expect(html).toMatch(/<label for="username">Username<\/label>\s*<input id="username"/);
    expect(html).toMatch(/<label for="password">Password<\/label>\s*<input id="password" name="password" type="password"/);
    expect(html).not.toContain('role="alert"');
    expect(html).not.toMatch(/<input[^>]*aria-invalid/);
  });

  it('after a wrong password, announces the error, ties it to the fields and keeps the name', () => {
    const { html } = loginPage({ ...base, username: 'dev', error: wrongCredentials });
    expect(html).toContain('<p id="error" class="error" role="alert">Wrong username or password</p>');
    expect(html.match(/aria-invalid="true" aria-describedby="error"/g)).toHaveLength(2);
    expect(html).toContain('value="dev"');
    expect(html).toMatch(/id="password"[^>]*autofocus/);
  });

  it('escapes what the person typed, so a crafted name cannot inject markup', () => {
    const { html } = loginPage({ ...base, username: '"><script>alert(1)</script>', error: wrongCredentials });
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('loads nothing from outside and allows only its own nonce-tagged style', () => {
    const { html, headers } = loginPage(base);
    expect(html).not.toMatch(/https?:\/\/(?!localhost)/);
    const nonce = /style-src 'nonce-([^']+)'/.exec(headers['content-security-policy']!)?.[1];
    expect(html).toContain(`<style nonce="${nonce}">`);
    expect(html).not.toContain('style="');
    expect(headers['content-security-policy']).toContain("default-src 'none'");
  });
});
