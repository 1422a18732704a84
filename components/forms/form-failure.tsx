'use client';

import { useEffect, useRef } from 'react';
import { Alert } from '@/components/ui/alert';
import type { SaveFailure } from './use-stale-edit-form';

/**
 * What a save that did not happen shows above the form: the cluster's words, the problems of no one field, what to
 * do next; focused when it appears so it is read.
 */
export function FormFailure({ title, failure, testId = 'form-error' }: { title: string; failure: SaveFailure; testId?: string }) {
  const { message, hint } = failure;
  const formErrors = failure.fieldErrors?.form;
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
