'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { env } from '../env';
import { OIDC_PROVIDER_ID, signIn, signOut, TOKEN_PROVIDER_ID } from './config';
import { endSessionUrl } from './oidc-client';
import { safeReturnPath } from './return-path';
import { sessionCredentials } from './session';

export interface SignInFormState {
  ok: boolean;
  message?: string;
  fieldErrors?: { token?: string[] };
}

/** Starts the OIDC code flow at the provider; the person comes back to where they were going. */
export async function signInWithOidc(formData: FormData): Promise<void> {
  await signIn(OIDC_PROVIDER_ID, { redirectTo: safeReturnPath(formData.get('callbackUrl')) });
}

const tokenForm = z.object({
  token: z.string().trim().min(1, 'Paste a bearer token: the output of `aws eks get-token … | jq -r .status.token` or `kubectl create token …`.').max(16_384, 'That is longer than any Kubernetes bearer token; paste only the token itself.'),
});

const tokenErrors: Record<string, string> = {
  token_rejected: 'The Kubernetes API server did not accept this token. It may have expired (EKS tokens last 15 minutes) or belong to another cluster: get a fresh one and paste it again.',
  cluster_unreachable: 'The Kubernetes API server could not be reached to check the token. Try again in a moment; if it persists, tell your cluster admin.',
};

/** Signs in with a pasted bearer token; the API server says who it belongs to (SelfSubjectReview). */
export async function signInWithToken(_prev: SignInFormState, formData: FormData): Promise<SignInFormState> {
  const parsed = tokenForm.safeParse({ token: formData.get('token') ?? '' });
  if (!parsed.success) return { ok: false, fieldErrors: { token: parsed.error.issues.map((i) => i.message) } };
  try {
    await signIn(TOKEN_PROVIDER_ID, { token: parsed.data.token, redirectTo: safeReturnPath(formData.get('callbackUrl')) });
  } catch (err) {
    if (err instanceof CredentialsSignin) return { ok: false, fieldErrors: { token: [tokenErrors[err.code] ?? tokenErrors.token_rejected!] } };
    if (err instanceof AuthError) return { ok: false, message: 'Signing in failed. Try again; if it keeps failing, tell your cluster admin.' };
    throw err; // Next's redirect on success travels as an exception.
  }
  return { ok: true };
}

/** Ends the console session, then the provider's (RP-initiated logout) so the next sign-in asks for a password. */
export async function signOutAction(): Promise<void> {
  const { idToken, via } = await sessionCredentials();
  await signOut({ redirect: false });
  const back = new URL('/signin', env().AUTH_URL ?? 'http://localhost:3000').toString();
  const atProvider = via === 'oidc' ? await endSessionUrl(idToken, back) : undefined;
  redirect(atProvider ? `${atProvider}&state=signed-out-sso` : '/signin?state=signed-out');
}
