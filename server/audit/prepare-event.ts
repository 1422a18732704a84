import { contentHash, type ChainContent } from './content-hash';
import { optionalText, sanitizeSummary, storableText } from './sanitize';
import type { AuditEventInput, RecordedOutcome } from './types';

/** An event ready to insert: validated, made storable, hashed. Also the spool's file format (`at` as ISO text). */
export interface PreparedEvent extends ChainContent {
  contentHash: string;
}

const SOURCES = new Set(['console', 'api', 'controller']);
const VIAS = new Set(['oidc', 'token', 'api', 'controller']);
const OUTCOMES = new Set(['done', 'denied', 'failed', 'unknown']);

function required(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string' || value.trim() === '') throw new TypeError(`audit event: ${field} is required (a non-empty string)`);
  if (value.length > max) throw new TypeError(`audit event: ${field} is longer than ${max} characters`);
  return storableText(value);
}

/** Throws a TypeError naming the field for a programming mistake (a missing request id, an unknown source). */
export function prepareEvent(e: Omit<AuditEventInput, 'outcome'> & { outcome: RecordedOutcome }): PreparedEvent {
  if (!SOURCES.has(e.source)) throw new TypeError(`audit event: source must be console, api or controller (got ${JSON.stringify(e.source)})`);
  if (!OUTCOMES.has(e.outcome)) throw new TypeError(`audit event: outcome must be done, denied or failed (got ${JSON.stringify(e.outcome)})`);
  if (!e.actor || !VIAS.has(e.actor.via)) throw new TypeError(`audit event: actor.via must be oidc, token, api or controller (got ${JSON.stringify(e.actor?.via)})`);
  if (!Array.isArray(e.actor.groups)) throw new TypeError('audit event: actor.groups must be an array (empty if none)');
  const at = e.at ?? new Date();
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new TypeError('audit event: at must be a valid Date');
  const content: ChainContent = {
    requestId: required(e.requestId, 'requestId', 200),
    // timestamptz(3): the stored time has milliseconds, and so has the hashed one.
    at: new Date(Math.floor(at.getTime())),
    source: e.source,
    actorUsername: required(e.actor.username, 'actor.username', 1024),
    actorGroups: e.actor.groups.slice(0, 200).map((g) => storableText(String(g), 1024)),
    actorVia: e.actor.via,
    actorIssuer: optionalText(e.actor.issuer, 1024),
    action: required(e.action, 'action', 200),
    targetKind: optionalText(e.target?.kind, 200),
    targetName: optionalText(e.target?.name, 1024),
    targetAccount: optionalText(e.target?.account, 1024),
    targetSpace: optionalText(e.target?.space, 1024),
    summary: sanitizeSummary(e.summary),
    outcome: e.outcome,
    message: optionalText(e.message, 8192),
    clientAddress: optionalText(e.clientAddress, 200),
  };
  return { ...content, contentHash: contentHash(content).toString('hex') };
}

/** Back from the spool's JSON. */
export function revivePrepared(json: string): PreparedEvent {
  const p = JSON.parse(json) as PreparedEvent & { at: string };
  return { ...p, at: new Date(p.at) };
}

/** The same event with its outcome decided (and hashed anew). */
export function withOutcome(ev: PreparedEvent, outcome: RecordedOutcome, message?: string | null): PreparedEvent {
  const next: ChainContent = { ...ev, outcome, message: optionalText(message, 8192) };
  delete (next as Partial<PreparedEvent>).contentHash;
  return { ...next, contentHash: contentHash(next).toString('hex') };
}
