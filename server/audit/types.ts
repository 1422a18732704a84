/** Who made a change: the person (or the controller), and how they signed in. */
export interface AuditActor {
  username: string;
  groups: string[];
  via: 'oidc' | 'token' | 'api' | 'controller';
  /** The OIDC issuer, for `via: 'oidc'`. */
  issuer?: string;
}

export interface AuditTarget {
  kind: string;
  name?: string;
  account?: string;
  space?: string;
}

export type AuditSource = 'console' | 'api' | 'controller';
export type AuditOutcome = 'done' | 'denied' | 'failed';
/** `unknown`: the writer stopped between the change and its outcome; recorded from its journal. */
export type RecordedOutcome = AuditOutcome | 'unknown';

export interface AuditEventInput {
  /** Unique; the idempotency key: a retry never makes a second row. */
  requestId: string;
  at?: Date;
  source: AuditSource;
  actor: AuditActor;
  /** e.g. 'space.create', 'space.delete', 'auth.signin', 'auth.signin-failed', 'auth.signout'. */
  action: string;
  target?: AuditTarget;
  /** What was asked for. Keys that look like secrets (token, password, secret, …) are redacted before storing. */
  summary?: Record<string, unknown>;
  outcome: AuditOutcome;
  /** The cluster's message on denial or failure. */
  message?: string;
  clientAddress?: string;
}

/** One stored audit row, as the audit page shows it. Text fields are exactly what was recorded: render them as text. */
export interface AuditEvent {
  /** Position in the hash chain (a decimal string: it is a 64-bit integer). */
  seq: string;
  requestId: string;
  at: Date;
  /** When the row reached the database; later than `at` if it waited in the spool. */
  recordedAt: Date;
  source: AuditSource;
  actor: AuditActor;
  action: string;
  target: AuditTarget | null;
  summary: Record<string, unknown> | null;
  outcome: RecordedOutcome;
  message: string | null;
  clientAddress: string | null;
  /** This row's link in the chain, hex. */
  hash: string;
}

export interface AuditFilter {
  actor?: string;
  account?: string;
  space?: string;
  action?: string;
  outcome?: RecordedOutcome;
  source?: AuditSource;
  /** Inclusive lower bound of `at`. */
  from?: Date;
  /** Exclusive upper bound of `at`. */
  to?: Date;
  /** Case-insensitive substring of actor, action, target kind/name/account/space or message. */
  text?: string;
  /**
   * What a tenant may see: events whose target account is one of `accounts`, and events `username` made. The caller
   * derives both from what the person may list in the cluster. Omitted: everything (cluster admins).
   */
  visibleTo?: { accounts: string[]; username?: string };
}

export interface AuditPage {
  events: AuditEvent[];
  /** Pass to the next listAuditEvents call; null on the last page. */
  nextCursor: string | null;
}

export interface AuditChainReport {
  ok: boolean;
  /** Rows whose content and link were checked. */
  checked: number;
  /** The chain head's seq when verification started. */
  headSeq: string;
  /**
   * The verified head's hash (hex) when the chain is intact: keep `headSeq:headHash` where the database's superuser
   * cannot write (logs shipped elsewhere) and pass it as the next run's anchor.
   */
  headHash?: string;
  /**
   * Events committed but not yet in the chain when verification started: `linked` were linked by it (a writer's
   * process stopped before linking them, or they had just arrived), `waiting` still wait in the inbox afterwards
   * (arrived meanwhile, or linking failed: `linkError`).
   */
  unlinked: { linked: number; waiting: number; linkError?: string };
  /** The first row that does not verify, and why. */
  broken?: { seq: string; requestId: string | null; reason: string };
  durationMs: number;
}

/** A head verified before, kept outside the database: the chain must still contain this seq with this hash. */
export interface AuditChainAnchor {
  seq: bigint;
  /** 64 hex digits. */
  hash: string;
}

export interface AuditVerificationRecord {
  at: Date;
  ok: boolean;
  checked: number;
  headSeq: string;
  brokenSeq: string | null;
  message: string | null;
  durationMs: number;
}

export interface UsageSampleInput {
  at?: Date;
  quota: string;
  account: string;
  /** null or omitted: the account's total. */
  space?: string | null;
  resource: string;
  /** In the resource's base unit (cores, bytes, objects) as a decimal number or string, e.g. '0.25', 1073741824. */
  used: string | number;
  hard?: string | number | null;
}

export interface UsagePoint {
  at: Date;
  space: string | null;
  used: number;
  hard: number | null;
}
