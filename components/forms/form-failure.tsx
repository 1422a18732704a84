'use client';

import { useEffect, useRef } from 'react';
import { Alert } from '@/components/ui/alert';

/** What a save that did not happen shows above the form: the cluster's words, what to do next; focused so it is read. */
export function FormFailure({ title, message, hint, formErrors, testId = 'form-error' }: { title: string; message: string; hint?: string; formErrors?: string[]; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [message, hint]);
  return (
    <div ref={ref} tabIndex={-1} className="scroll-mt-20 rounded-md outline-none">
      <Alert tone="danger" title={title} data-testid={testId}>
        <p className="break-words">{message}</p>
        {formErrors?.map((e) => (
          <p key={e} className="mt-1">
            {e}
          </p>
        ))}
        {hint && <p className="mt-1">{hint}</p>}
      </Alert>
    </div>
  );
}
