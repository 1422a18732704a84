'use client';

import { RotateCcw, TriangleAlert } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';

/**
 * What an error boundary shows: the page failed, not the console. The message of a production error is hidden
 * by Next.js; its digest is the reference the cluster admin finds in the console's log.
 */
export function SectionError({ error, reset, title = 'This page could not be loaded' }: { error: Error & { digest?: string }; reset: () => void; title?: string }) {
  return (
    <Card role="alert" className="mx-auto max-w-xl px-6 py-8 text-center">
      <div className="mx-auto mb-4 flex size-11 items-center justify-center rounded-full bg-danger-soft text-danger-soft-fg">
        <TriangleAlert aria-hidden className="size-5" />
      </div>
      <h1 className="text-lg font-semibold">{title}</h1>
      <p className="mt-1.5 text-sm text-muted-fg">
        The console hit an unexpected error while talking to the cluster. Try again; if it keeps happening, send the reference below to your cluster
        admin.
      </p>
      {error.digest && (
        <p className="mt-3 text-xs text-muted-fg">
          Reference <code className="rounded bg-surface-muted px-1.5 py-0.5 font-mono">{error.digest}</code>
        </p>
      )}
      <Button className="mt-5" variant="secondary" onClick={reset}>
        <RotateCcw aria-hidden />
        Try again
      </Button>
    </Card>
  );
}
