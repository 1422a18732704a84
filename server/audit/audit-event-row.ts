import type { AuditEvent, AuditSource, RecordedOutcome } from './types';

/** An audit_event row as raw SQL returns it (enums cast to text). */
export interface AuditEventRow {
  seq: bigint;
  request_id: string;
  at: Date;
  recorded_at: Date;
  source: string;
  actor_username: string;
  actor_groups: string[];
  actor_via: string;
  actor_issuer: string | null;
  action: string;
  target_kind: string | null;
  target_name: string | null;
  target_account: string | null;
  target_space: string | null;
  summary: unknown;
  outcome: string;
  message: string | null;
  client_address: string | null;
  content_hash: Uint8Array;
  prev_hash: Uint8Array;
  hash: Uint8Array;
}

export const AUDIT_EVENT_COLUMNS = `seq, request_id, at, recorded_at, source::text AS source, actor_username, actor_groups,
  actor_via::text AS actor_via, actor_issuer, action, target_kind, target_name, target_account, target_space, summary,
  outcome::text AS outcome, message, client_address, content_hash, prev_hash, hash`;

/** jsonb may come back as text or parsed, depending on the driver path. */
function json(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

export function toAuditEvent(r: AuditEventRow): AuditEvent {
  const hasTarget = r.target_kind !== null || r.target_name !== null || r.target_account !== null || r.target_space !== null;
  return {
    seq: r.seq.toString(),
    requestId: r.request_id,
    at: r.at,
    recordedAt: r.recorded_at,
    source: r.source as AuditSource,
    actor: {
      username: r.actor_username,
      groups: r.actor_groups,
      via: r.actor_via as AuditEvent['actor']['via'],
      ...(r.actor_issuer !== null ? { issuer: r.actor_issuer } : {}),
    },
    action: r.action,
    target: hasTarget
      ? {
          kind: r.target_kind ?? '',
          ...(r.target_name !== null ? { name: r.target_name } : {}),
          ...(r.target_account !== null ? { account: r.target_account } : {}),
          ...(r.target_space !== null ? { space: r.target_space } : {}),
        }
      : null,
    summary: (json(r.summary) as Record<string, unknown> | null) ?? null,
    outcome: r.outcome as RecordedOutcome,
    message: r.message,
    clientAddress: r.client_address,
    hash: Buffer.from(r.hash).toString('hex'),
  };
}
