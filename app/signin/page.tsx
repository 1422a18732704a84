import { LogIn } from 'lucide-react';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { TokenSignInForm } from '@/components/auth/token-sign-in-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { signInWithOidc } from '@/server/auth/actions';
import { oidcConfigured } from '@/server/auth/config';
import { safeReturnPath } from '@/server/auth/return-path';
import { currentCaller } from '@/server/auth/session';
import { env } from '@/server/env';

export const metadata: Metadata = { title: 'Sign in · Atrium' };

type Search = Promise<Record<string, string | string[] | undefined>>;

/** Why the person is here, in words that say what to do. Auth.js's own error codes arrive in ?error=. */
function notice(q: Record<string, string | string[] | undefined>): { tone: 'warning' | 'success' | 'danger'; title: string; text?: string } | undefined {
  if (q.state === 'signed-out-sso') return { tone: 'success', title: 'You are signed out.', text: 'Your session at the identity provider has ended too.' };
  if (q.state === 'signed-out') return { tone: 'success', title: 'You are signed out.' };
  if (q.reason === 'expired') return { tone: 'warning', title: 'Your session expired.', text: 'Sign in again to continue where you were.' };
  switch (q.error) {
    case undefined:
      return undefined;
    case 'ClusterRejectedIdToken':
      return { tone: 'danger', title: 'The Kubernetes API server does not accept tokens from this identity provider.', text: 'Your cluster admin must associate the provider with the cluster (EKS: an OIDC identity provider config) or run the console in impersonation mode.' };
    case 'ClusterUnreachable':
      return { tone: 'danger', title: 'The Kubernetes API server could not be reached.', text: 'Try again in a moment; if it persists, tell your cluster admin.' };
    case 'AccessDenied':
      return { tone: 'danger', title: 'Sign-in was refused.', text: 'Try again, or ask your cluster admin whether your account may use this cluster.' };
    default:
      return { tone: 'danger', title: 'Signing in did not complete.', text: 'Start again below. If it keeps failing, tell your cluster admin the time it happened.' };
  }
}

export default async function SignInPage({ searchParams }: { searchParams: Search }) {
  const q = await searchParams;
  const callbackUrl = safeReturnPath(q.callbackUrl);
  // Already signed in (e.g. the proxy just renewed an expired ID token): go on.
  if ((await currentCaller()).caller && !q.error) redirect(callbackUrl);
  const message = notice(q);
  const sso = oidcConfigured();
  return (
    <main className="grid min-h-dvh place-items-center bg-background px-4 py-12">
      <div className="w-full max-w-md space-y-6">
        <div className="text-center">
          <p className="text-sm font-semibold tracking-wide text-primary-text">Atrium</p>
          <h1 className="mt-2 text-2xl font-semibold tracking-tight">Sign in to your cluster</h1>
          <p className="mt-1.5 text-sm text-muted-fg">Your spaces, quotas and templates, with exactly the rights Kubernetes gives you.</p>
        </div>
        {message && (
          <Alert tone={message.tone} title={message.title} data-testid="signin-notice">
            {message.text}
          </Alert>
        )}
        <Card className="space-y-6 p-6">
          {sso && (
            <form action={signInWithOidc}>
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <Button type="submit" className="w-full">
                <LogIn aria-hidden />
                Continue with {env().OIDC_DISPLAY_NAME}
              </Button>
            </form>
          )}
          {sso && (
            <div className="flex items-center gap-3 text-xs text-muted-fg" aria-hidden>
              <span className="h-px flex-1 bg-border" />
              or use a Kubernetes token
              <span className="h-px flex-1 bg-border" />
            </div>
          )}
          <TokenSignInForm callbackUrl={callbackUrl} />
        </Card>
      </div>
    </main>
  );
}
