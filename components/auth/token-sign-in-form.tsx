'use client';

import { KeyRound } from 'lucide-react';
import { useActionState } from 'react';
import { signInWithToken, type SignInFormState } from '@/server/auth/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, fieldAria } from '@/components/ui/field';
import { inputClass } from '@/components/ui/input';
import { cn } from '@/components/ui/cn';

/** Sign-in with a pasted bearer token; the token is posted to a server action and never stored in the browser. */
export function TokenSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState<SignInFormState, FormData>(signInWithToken, { ok: false });
  const error = state.fieldErrors?.token;
  return (
    <form action={action} className="grid gap-4" aria-label="Sign in with a token">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state.message && <Alert tone="danger">{state.message}</Alert>}
      <Field
        id="token"
        label="Bearer token"
        error={error}
        description={
          <>
            From <code className="font-mono">aws eks get-token --cluster-name &lt;cluster&gt; | jq -r .status.token</code> or{' '}
            <code className="font-mono">kubectl create token &lt;service-account&gt;</code>. It stays on the server and is used for your requests until it expires.
          </>
        }
      >
        <textarea
          id="token"
          name="token"
          rows={3}
          required
          autoComplete="off"
          spellCheck={false}
          className={cn(inputClass, 'h-auto py-2 font-mono text-xs break-all')}
          {...fieldAria('token', { description: true, error })}
        />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending} className="w-full">
        <KeyRound aria-hidden />
        {pending ? 'Checking the token…' : 'Sign in with token'}
      </Button>
    </form>
  );
}
