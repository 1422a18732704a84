import { StatusPill, type Tone } from '@/components/ui/badge';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { AuditEvent, RecordedOutcome } from '@/server/audit';

const OUTCOME_TONE: Record<RecordedOutcome, Tone> = { done: 'success', denied: 'warning', failed: 'danger', unknown: 'neutral' };
const VIA: Record<AuditEvent['actor']['via'], string> = { oidc: 'single sign-on', token: 'bearer token', api: 'Kubernetes API', controller: 'controller' };

function target(t: AuditEvent['target']): string {
  if (!t) return '—';
  const where = [t.account && !(t.kind === 'Account' && t.account === t.name) && `account ${t.account}`, t.space && t.space !== t.name && `space ${t.space}`].filter(Boolean).join(', ');
  return `${t.kind}${t.name ? ` ${t.name}` : ''}${where ? ` (${where})` : ''}`;
}

/**
 * Every recorded text is shown as text (React escapes it): names and messages come from users and the cluster.
 * The detail of a row (summary, request id, hash) opens in place.
 */
export function AuditTable({ events }: { events: AuditEvent[] }) {
  return (
    <Table data-testid="audit-table">
      <THead>
        <tr>
          <TH>Time (UTC)</TH>
          <TH>Actor</TH>
          <TH>Action</TH>
          <TH>Target</TH>
          <TH>Outcome</TH>
          <TH>Message and details</TH>
        </tr>
      </THead>
      <TBody>
        {events.map((e) => (
          <TR key={e.seq} data-seq={e.seq}>
            <TD className="font-mono text-[0.8125rem] whitespace-nowrap tabular-nums">
              <time dateTime={e.at.toISOString()}>{e.at.toISOString().replace('T', ' ').slice(0, 19)}</time>
            </TD>
            <TD>
              <div className="font-medium break-all">{e.actor.username}</div>
              <div className="text-xs text-muted-fg">
                via {VIA[e.actor.via] ?? e.actor.via}
                {e.source !== 'console' && ` · ${e.source}`}
              </div>
            </TD>
            <TD className="font-mono text-[0.8125rem] whitespace-nowrap">{e.action}</TD>
            <TD className="text-[0.8125rem] break-all">{target(e.target)}</TD>
            <TD>
              <StatusPill tone={OUTCOME_TONE[e.outcome] ?? 'neutral'}>{e.outcome}</StatusPill>
            </TD>
            <TD className="max-w-80 text-[0.8125rem]">
              {e.message && <p className="mb-1 break-words">{e.message}</p>}
              <details>
                <summary className="cursor-pointer text-primary-text">Event {e.seq}</summary>
                <dl className="mt-2 grid gap-1 text-xs">
                  <dt className="font-medium">Request</dt>
                  <dd className="font-mono break-all">{e.requestId}</dd>
                  {e.recordedAt.getTime() !== e.at.getTime() && (
                    <>
                      <dt className="font-medium">Recorded</dt>
                      <dd className="font-mono">{e.recordedAt.toISOString()}</dd>
                    </>
                  )}
                  {e.clientAddress && (
                    <>
                      <dt className="font-medium">Client address</dt>
                      <dd className="font-mono">{e.clientAddress}</dd>
                    </>
                  )}
                  {e.actor.groups.length > 0 && (
                    <>
                      <dt className="font-medium">Groups</dt>
                      <dd className="break-all">{e.actor.groups.join(', ')}</dd>
                    </>
                  )}
                  <dt className="font-medium">Summary</dt>
                  <dd>
                    <pre tabIndex={0} aria-label={`Summary of event ${e.seq}`} className="max-h-64 overflow-auto rounded bg-surface-muted p-2 font-mono whitespace-pre-wrap break-all">{e.summary ? JSON.stringify(e.summary, null, 2) : 'none'}</pre>
                  </dd>
                  <dt className="font-medium">Hash</dt>
                  <dd className="font-mono break-all">{e.hash}</dd>
                </dl>
              </details>
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
