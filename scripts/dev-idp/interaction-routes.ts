import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { devUsers, findDevUser } from './dev-users';
import { errorPage, loginPage, wrongCredentials, type Page } from './pages';

export interface InteractionOptions {
  demoPassword: string;
  /** Clients whose consent is given without asking: the first-party console. */
  firstPartyClientId: string;
  log: (line: string) => void;
}

const route = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/;

function send(res: ServerResponse, p: Page, status = 200) {
  res.writeHead(status, p.headers);
  res.end(p.html);
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 16_384) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}

function samePassword(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * The provider's own sign-in pages (instead of devInteractions, which takes
 * any password): GET /interaction/:uid shows the form, POST .../login checks
 * the demo password, POST .../abort cancels. Returns false for other paths.
 */
export async function handleInteraction(provider: Provider, opts: InteractionOptions, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const match = route.exec(new URL(req.url ?? '/', 'https://localhost').pathname);
  if (!match) return false;
  const [, uid, action] = match;
  let details: Awaited<ReturnType<Provider['interactionDetails']>>;
  try {
    details = await provider.interactionDetails(req, res);
  } catch {
    send(res, errorPage('This sign-in page has expired', 'The sign-in request is no longer valid.'), 400);
    return true;
  }
  if (details.uid !== uid) {
    send(res, errorPage('This sign-in page has expired', 'The sign-in request does not match this page.'), 400);
    return true;
  }
  const clientId = String(details.params.client_id ?? '');
  const client = await provider.Client.find(clientId);
  const pages = { action: `/interaction/${uid}/login`, abortAction: `/interaction/${uid}/abort`, clientName: client?.clientName ?? clientId, usernames: devUsers.map((u) => u.username) };

  if (req.method === 'POST' && action === 'abort') {
    opts.log(`sign-in cancelled (client ${clientId})`);
    await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The person cancelled the sign-in.' }, { mergeWithLastSubmission: false });
    return true;
  }

  if (details.prompt.name === 'login') {
    if (req.method === 'POST' && action === 'login') {
      const form = await formBody(req);
      const username = (form.get('username') ?? '').trim();
      const user = findDevUser(username);
      if (!user || !samePassword(form.get('password') ?? '', opts.demoPassword)) {
        // An unknown name is not logged: it may be a password typed into the wrong field.
        opts.log(`sign-in failed: ${user ? `wrong password for ${user.username}` : 'unknown username'} (client ${clientId})`);
        // 200, as a form shown again: a 401 would need a WWW-Authenticate challenge and reads as a failed load in browser consoles.
        send(res, loginPage({ ...pages, username, error: wrongCredentials }));
        return true;
      }
      opts.log(`sign-in: ${user.username} (client ${clientId})`);
      await provider.interactionFinished(req, res, { login: { accountId: user.username } }, { mergeWithLastSubmission: false });
      return true;
    }
    send(res, loginPage({ ...pages, username: typeof details.params.login_hint === 'string' ? details.params.login_hint : undefined }));
    return true;
  }

  if (details.prompt.name === 'consent' && clientId === opts.firstPartyClientId) {
    // Asked for explicitly (prompt=consent) or a new scope: the console is first-party, grant what it asked for.
    const accountId = details.session!.accountId;
    const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId, clientId });
    if (!grant) throw new Error(`grant ${details.grantId} of interaction ${uid} vanished`);
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return true;
  }

  send(res, errorPage('Not available', 'This development identity provider only signs people in to the Atrium console.'), 400);
  return true;
}
