import { randomBytes } from 'node:crypto';

/** Text from a request or a client never reaches the page unescaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface Page {
  html: string;
  /** Response headers: a strict CSP whose nonce lets exactly this page's style and script run. */
  headers: Record<string, string>;
}

// System fonts and colours only: nothing is loaded from outside the provider.
const css = `
:root { color-scheme: light dark; --bg: #f4f5f7; --card: #fff; --text: #1b1f24; --muted: #59636e; --border: #c9ced6;
  --accent: #0b57d0; --accent-text: #fff; --error: #b3261e; --error-bg: #fdecea; --focus: #0b57d0; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #111418; --card: #1b1f24; --text: #e6e8eb; --muted: #a3acb7; --border: #3d444d;
    --accent: #8ab4f8; --accent-text: #0b1a33; --error: #f2b8b5; --error-bg: #3b1a18; --focus: #8ab4f8; }
}
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: var(--bg); color: var(--text);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
main { width: min(24rem, calc(100vw - 2rem)); background: var(--card); border: 1px solid var(--border); border-radius: 12px; padding: 2rem; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
p { margin: 0 0 1rem; }
.muted { color: var(--muted); font-size: .9rem; }
.footnote { margin: 1.5rem 0 0; }
label { display: block; font-weight: 600; margin: 1rem 0 .35rem; }
input { width: 100%; font: inherit; padding: .6rem .7rem; border: 1px solid var(--border); border-radius: 8px; background: var(--bg); color: var(--text); }
input[aria-invalid="true"] { border-color: var(--error); }
button { font: inherit; font-weight: 600; padding: .65rem 1rem; border-radius: 8px; cursor: pointer; }
.actions { display: flex; gap: .75rem; margin-top: 1.5rem; }
.primary { flex: 1; border: 1px solid var(--accent); background: var(--accent); color: var(--accent-text); }
.secondary { border: 1px solid var(--border); background: transparent; color: var(--text); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.error { color: var(--error); background: var(--error-bg); border-radius: 8px; padding: .6rem .8rem; margin: 1rem 0 0; font-weight: 600; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .85em; }
`;

function page(title: string, body: string, opts: { script?: string } = {}): Page {
  const nonce = randomBytes(16).toString('base64');
  const script = opts.script ? `<script nonce="${nonce}">${opts.script}</script>` : '';
  return {
    html: `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(title)} · Atrium development sign-in</title>
<style nonce="${nonce}">${css}</style>
</head>
<body>
<main>
${body}
</main>
${script}
</body>
</html>`,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // No form-action: browsers apply it to the redirects after the form, which end at the console.
      'content-security-policy': `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; frame-ancestors 'none'; base-uri 'none'`,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
  };
}

export const wrongCredentials = 'Wrong username or password';

/** The password sign-in form of an interaction. */
export function loginPage(opts: { action: string; abortAction: string; clientName: string; username?: string; error?: string; usernames: string[] }): Page {
  const invalid = opts.error ? ' aria-invalid="true" aria-describedby="error"' : '';
  const focusPassword = !!opts.username;
  return page('Sign in', `
<h1>Sign in</h1>
<p class="muted">to continue to ${escapeHtml(opts.clientName)}</p>
<form method="post" action="${escapeHtml(opts.action)}" novalidate>
  <label for="username">Username</label>
  <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required
    value="${escapeHtml(opts.username ?? '')}"${invalid}${focusPassword ? '' : ' autofocus'}>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required${invalid}${focusPassword ? ' autofocus' : ''}>
  ${opts.error ? `<p id="error" class="error" role="alert">${escapeHtml(opts.error)}</p>` : ''}
  <div class="actions">
    <button class="primary" type="submit">Sign in</button>
    <button class="secondary" type="submit" formaction="${escapeHtml(opts.abortAction)}" formnovalidate>Cancel</button>
  </div>
</form>
<p class="muted footnote">Development identity provider. Demo users: ${opts.usernames.map((u) => `<code>${escapeHtml(u)}</code>`).join(', ')};
the password is <code>DEMO_PASSWORD</code> in <code>.atrium/stack.env</code>.</p>`);
}

/**
 * The sign-out step. For the console the form submits itself (no confirmation
 * page: signing out of the console means signing out here); a request that
 * names no known client asks first.
 */
export function logoutPage(opts: { form: string; host: string; autoSubmit: boolean }): Page {
  if (opts.autoSubmit) {
    return page('Signing out', `
<h1>Signing out…</h1>
${opts.form.replace('</form>', '<input type="hidden" name="logout" value="yes"></form>')}
<noscript><button class="primary" type="submit" form="op.logoutForm">Continue</button></noscript>`,
    { script: 'document.getElementById("op.logoutForm").submit();' });
  }
  return page('Sign out', `
<h1>Sign out?</h1>
<p>Do you want to sign out of the development identity provider at ${escapeHtml(opts.host)}?</p>
${opts.form}
<div class="actions">
  <button class="primary" type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Yes, sign me out</button>
  <button class="secondary" type="submit" form="op.logoutForm">No, stay signed in</button>
</div>`);
}

export function signedOutPage(): Page {
  return page('Signed out', `
<h1>Signed out</h1>
<p>You are signed out of the development identity provider. You can close this page.</p>`);
}

/** Errors of the protocol, or an expired sign-in page: what happened and what to do. */
export function errorPage(title: string, details: string): Page {
  return page(title, `
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(details)}</p>
<p class="muted">Go back to the application and sign in again.</p>`);
}
