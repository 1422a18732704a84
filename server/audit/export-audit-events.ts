import type { AuditEvent } from './types';

const COLUMNS = ['seq', 'at', 'recorded_at', 'source', 'actor', 'groups', 'via', 'issuer', 'action', 'target_kind', 'target_name',
  'account', 'space', 'outcome', 'message', 'client_address', 'request_id', 'summary', 'hash'] as const;

/**
 * One CSV field (RFC 4180). A cell that a spreadsheet would run as a formula (= + - @, or a leading tab/CR) is
 * prefixed with an apostrophe: names come from users.
 */
export function csvField(value: string | null | undefined): string {
  let v = value ?? '';
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function csvLine(e: AuditEvent): string {
  const cells = [
    e.seq, e.at.toISOString(), e.recordedAt.toISOString(), e.source, e.actor.username, e.actor.groups.join(';'), e.actor.via,
    e.actor.issuer, e.action, e.target?.kind, e.target?.name, e.target?.account, e.target?.space, e.outcome, e.message,
    e.clientAddress, e.requestId, e.summary ? JSON.stringify(e.summary) : '', e.hash,
  ];
  return `${cells.map((c) => csvField(c)).join(',')}\r\n`;
}

/** CSV text, a line at a time, as the events arrive (streamed to the browser, never built whole). */
export async function* auditEventsCsv(events: AsyncIterable<AuditEvent>): AsyncGenerator<string> {
  yield `${COLUMNS.join(',')}\r\n`;
  for await (const e of events) yield csvLine(e);
}

/** A JSON array, an element at a time. */
export async function* auditEventsJson(events: AsyncIterable<AuditEvent>): AsyncGenerator<string> {
  yield '[';
  let first = true;
  for await (const e of events) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(e)}`;
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}
