'use client';

import { RotateCcw } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { conflictRows, type SummaryLine } from './conflict-rows';

/**
 * A stale edit: someone changed the object after the page loaded. Shows what is in the cluster now next to the
 * person's values, where they differ, and offers to start again from the current values. Nothing was written.
 */
export function ConflictNotice({ what, message, hint, mine, current, onReload }: { what: string; message: string; hint: string; mine: SummaryLine[]; current: SummaryLine[]; onReload: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  // Focused when it appears, not on every render: the person may go on typing in the form below it.
  useEffect(() => {
    ref.current?.focus();
  }, [message, hint]);
  const differing = conflictRows(mine, current).filter((r) => r.mine !== r.current);
  return (
    <div ref={ref} tabIndex={-1} className="scroll-mt-20 rounded-md outline-none" data-testid="conflict">
      <Alert tone="warning" title={`Someone else changed this ${what}`}>
        <p>{message}</p>
        <p className="mt-1">{hint}</p>
        {differing.length > 0 ? (
          <table className="mt-3 w-full border-collapse text-left text-[0.8125rem]">
            <caption className="sr-only">Your values and the current values that differ</caption>
            <thead>
              <tr className="border-b border-warning-soft-fg/25">
                <th scope="col" className="py-1 pr-3 font-medium">Field</th>
                <th scope="col" className="py-1 pr-3 font-medium">Yours (not saved)</th>
                <th scope="col" className="py-1 font-medium">In the cluster now</th>
              </tr>
            </thead>
            <tbody>
              {differing.map((r) => (
                <tr key={r.label} className="border-b border-warning-soft-fg/15 align-top last:border-0" data-testid="conflict-row">
                  <th scope="row" className="py-1 pr-3 font-medium">{r.label}</th>
                  <td className="py-1 pr-3 font-mono break-all whitespace-pre-wrap">{r.mine || '—'}</td>
                  <td className="py-1 font-mono break-all whitespace-pre-wrap" data-testid="conflict-current">{r.current || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="mt-1">Your values and the current ones are the same now; only the version moved on.</p>
        )}
        <Button variant="secondary" size="sm" className="mt-3" onClick={onReload}>
          <RotateCcw aria-hidden />
          Start again from the current values
        </Button>
      </Alert>
    </div>
  );
}
