'use client';

import { CircleAlert, CircleCheck } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { SpacePhase } from '@/components/spaces/space-phase';
import { Alert } from '@/components/ui/alert';
import { StatusPill } from '@/components/ui/badge';
import { DangerConfirmButton } from '@/components/ui/danger-confirm-button';
import { formatAge } from '@/components/ui/format-age';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { bulkDeleteSpacesAction, type BulkDeleteRow } from '@/server/actions/bulk-delete-spaces';
import type { AllSpacesRow } from '@/server/queries/all-spaces';
import { bulkConfirmText } from './bulk-confirm';

function TemplatesCell({ t }: { t: AllSpacesRow['templates'] }) {
  if (t.deployed + t.failed + t.pending === 0) return <span className="text-[0.8125rem] text-muted-fg">none</span>;
  return (
    <div className="flex flex-wrap items-center gap-1.5" title={t.firstFailure}>
      {t.failed > 0 && <StatusPill tone="danger">{t.failed} failed</StatusPill>}
      {t.pending > 0 && <StatusPill tone="info">{t.pending} pending</StatusPill>}
      {t.deployed > 0 && <StatusPill tone="success">{t.deployed} deployed</StatusPill>}
      {t.firstFailure && <span className="sr-only">{t.firstFailure}</span>}
    </div>
  );
}

/**
 * Every space on this page, with selection for a bulk delete when RBAC's hint allows it. Each delete is still
 * made (and may be refused) as the person, one by one; the outcome of each shows in its row.
 */
export function AllSpacesTable({ rows, canDelete, readAt }: { rows: AllSpacesRow[]; canDelete: boolean; readAt: number }) {
  const router = useRouter();
  const [selected, setSelected] = useState<string[]>([]);
  const [results, setResults] = useState<BulkDeleteRow[]>();
  const deletable = rows.filter((r) => r.phase !== 'Terminating').map((r) => r.name);
  const allChecked = deletable.length > 0 && deletable.every((n) => selected.includes(n));
  const toggle = (name: string, on: boolean) => setSelected((s) => (on ? [...new Set([...s, name])] : s.filter((n) => n !== name)));
  const resultOf = (name: string) => results?.find((r) => r.name === name);
  const failed = results?.filter((r) => !r.ok) ?? [];

  return (
    <>
      {canDelete && (
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-border px-4 py-2.5">
          <p className="text-[0.8125rem] text-muted-fg" aria-live="polite">
            {selected.length === 0 ? 'Select spaces to delete several at once.' : `${selected.length} selected`}
          </p>
          <DangerConfirmButton
            label="Delete selected"
            size="sm"
            disabled={selected.length === 0}
            title={`Delete ${selected.length} ${selected.length === 1 ? 'space' : 'spaces'}?`}
            description={
              <>
                <p>Each namespace is deleted with everything in it: workloads, volumes, secrets. This cannot be undone.</p>
                <p className="mt-2 font-mono text-[0.8125rem] break-all text-foreground">{selected.join(', ')}</p>
                <p className="mt-2">Each delete is made as you and recorded in the audit trail; the cluster may refuse some of them.</p>
              </>
            }
            confirmText={bulkConfirmText(selected.length)}
            actionLabel="Delete spaces"
            onConfirm={async () => {
              const r = await bulkDeleteSpacesAction({ names: selected, confirm: bulkConfirmText(selected.length) });
              if (!r.ok) return r.message;
              setResults(r.results);
              setSelected(r.results.filter((x) => !x.ok).map((x) => x.name));
              router.refresh();
              return undefined;
            }}
          />
        </div>
      )}
      {results && (
        <div className="border-b border-border px-4 py-3" data-testid="bulk-results">
          <Alert tone={failed.length ? 'warning' : 'success'} title={`${results.length - failed.length} of ${results.length} deleted`}>
            {failed.length > 0 && (
              <ul className="mt-1 grid gap-1">
                {failed.map((f) => (
                  <li key={f.name}>
                    <span className="font-mono">{f.name}</span>: {f.message} {f.hint}
                  </li>
                ))}
              </ul>
            )}
          </Alert>
        </div>
      )}
      <Table data-testid="all-spaces-table">
        <THead>
          <tr>
            {canDelete && (
              <TH className="w-10">
                <input
                  type="checkbox"
                  aria-label="Select every space on this page"
                  checked={allChecked}
                  disabled={deletable.length === 0}
                  onChange={(e) => setSelected(e.target.checked ? deletable : [])}
                  className="size-4 accent-[var(--primary)]"
                />
              </TH>
            )}
            <TH>Space</TH>
            <TH>Account</TH>
            <TH>Phase</TH>
            <TH>Templates</TH>
            <TH>Age</TH>
          </tr>
        </THead>
        <TBody>
          {rows.map((r) => {
            const res = resultOf(r.name);
            return (
              <TR key={r.name} data-testid={`space-row-${r.name}`}>
                {canDelete && (
                  <TD>
                    <input
                      type="checkbox"
                      aria-label={`Select ${r.name}`}
                      checked={selected.includes(r.name)}
                      disabled={r.phase === 'Terminating'}
                      onChange={(e) => toggle(r.name, e.target.checked)}
                      className="size-4 accent-[var(--primary)]"
                    />
                  </TD>
                )}
                <TD className="font-mono whitespace-nowrap">
                  <Link href={`/spaces/${encodeURIComponent(r.name)}`} className="font-medium text-foreground hover:text-primary-text hover:underline">
                    {r.name}
                  </Link>
                  {res && (
                    <span className="ml-2 inline-flex items-center gap-1 font-sans text-xs" data-testid="row-result">
                      {res.ok ? <CircleCheck aria-hidden className="size-3.5 text-success-soft-fg" /> : <CircleAlert aria-hidden className="size-3.5 text-danger-soft-fg" />}
                      {res.ok ? 'delete requested' : 'not deleted'}
                    </span>
                  )}
                </TD>
                <TD className="font-mono text-[0.8125rem]">
                  {r.account ? (
                    <Link href={`/accounts/${encodeURIComponent(r.account)}`} className="hover:underline">
                      {r.account}
                    </Link>
                  ) : (
                    '—'
                  )}
                </TD>
                <TD>
                  <SpacePhase phase={r.phase} initializing={r.initializing} />
                </TD>
                <TD>
                  <TemplatesCell t={r.templates} />
                </TD>
                <TD className="tabular-nums text-muted-fg">{formatAge(r.createdAt, readAt)}</TD>
              </TR>
            );
          })}
        </TBody>
      </Table>
    </>
  );
}
