// The development OpenID Connect provider: `npm run stack:up` starts it
// (scripts/lib/idp.ts); settings come from the environment below.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { z } from 'zod';
import { createDevProvider } from './create-dev-provider';
import { devIdpState } from './dev-idp-state';
import { handleInteraction } from './interaction-routes';
import { errorPage } from './pages';

const duration = z.string().regex(/^\d+[smh]?$/, 'a number of seconds, or a number with s, m or h (e.g. 30s, 5m, 1h)')
  .transform((v) => Number.parseInt(v, 10) * ({ s: 1, m: 60, h: 3600 }[v.at(-1)!] ?? 1));

const schema = z.object({
  /** https://localhost:<port>, with no trailing slash: the `iss` kube-apiserver and the console compare character for character. */
  ATRIUM_IDP_ISSUER: z.url({ protocol: /^https$/ }).refine((u) => !u.endsWith('/'), 'must not end with a slash'),
  ATRIUM_IDP_PORT: z.coerce.number().int().min(1).max(65535),
  ATRIUM_IDP_TLS_CERT_FILE: z.string().min(1),
  ATRIUM_IDP_TLS_KEY_FILE: z.string().min(1),
  /** Where the demo password, client secret, cookie and signing keys are kept (made on first start). */
  ATRIUM_IDP_STATE_DIR: z.string().min(1),
  /** The consoles' origins, comma-separated: their redirect and post-logout URIs are registered under them. */
  ATRIUM_IDP_CONSOLE_URLS: z.string().transform((s) => s.split(',').map((u) => u.trim()).filter(Boolean))
    .pipe(z.array(z.url().refine((u) => !u.endsWith('/'), 'must not end with a slash')).min(1)),
  ATRIUM_IDP_CLIENT_ID: z.string().min(1).default('atrium-console'),
  /** Lifetime of ID (and access) tokens; tests shorten it to see expiry. */
  ATRIUM_IDP_ID_TOKEN_TTL: duration.default(3600),
});

const parsed = schema.safeParse(process.env);
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`dev-idp: ${issue.path.join('.')}: ${issue.message}`);
  process.exit(2);
}
const env = parsed.data;
const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
const state = devIdpState(env.ATRIUM_IDP_STATE_DIR);

const provider = createDevProvider({
  issuer: env.ATRIUM_IDP_ISSUER,
  consoleUrls: env.ATRIUM_IDP_CONSOLE_URLS,
  clientId: env.ATRIUM_IDP_CLIENT_ID,
  idTokenTtlSeconds: env.ATRIUM_IDP_ID_TOKEN_TTL,
  state,
});
// Events name people and clients, never tokens or passwords.
provider.on('end_session.success', (ctx) => log(`signed out: ${ctx.oidc.session?.accountId ?? 'no session'}`));
provider.on('grant.success', (ctx) => log(`tokens issued: ${ctx.oidc.params?.grant_type} for ${ctx.oidc.account?.accountId ?? ctx.oidc.entities.Grant?.accountId ?? '?'} (client ${ctx.oidc.client?.clientId})`));
provider.on('grant.error', (ctx, err) => log(`token request refused: ${err.message} (client ${ctx.oidc.client?.clientId ?? '?'})`));
provider.on('server_error', (_ctx, err) => log(`server error: ${err.stack ?? err.message}`));

const interactionOptions = { demoPassword: state.demoPassword, firstPartyClientId: env.ATRIUM_IDP_CLIENT_ID, log };
const oidc = provider.callback();
const server = createServer({ cert: readFileSync(env.ATRIUM_IDP_TLS_CERT_FILE), key: readFileSync(env.ATRIUM_IDP_TLS_KEY_FILE) }, (req, res) => {
  handleInteraction(provider, interactionOptions, req, res)
    .then((handled) => { if (!handled) oidc(req, res); })
    .catch((err: Error) => {
      log(`interaction error: ${err.stack ?? err.message}`);
      if (!res.headersSent) {
        const p = errorPage('Something went wrong', 'The sign-in could not be completed.');
        res.writeHead(500, p.headers).end(p.html);
      }
    });
});

// Loopback only. Where localhost also resolves to ::1, clients (Go, Node) fall back to 127.0.0.1.
server.listen(env.ATRIUM_IDP_PORT, '127.0.0.1', () => {
  log(`dev identity provider ready: ${env.ATRIUM_IDP_ISSUER} (ID tokens live ${env.ATRIUM_IDP_ID_TOKEN_TTL}s)`);
});
server.on('error', (err) => {
  log(`cannot listen on 127.0.0.1:${env.ATRIUM_IDP_PORT}: ${err.message}`);
  process.exit(1);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    log('shutting down');
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  });
}
