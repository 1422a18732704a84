/**
 * A change was refused because it could not be audited. Nothing was changed in the cluster; the message says what to
 * do and is safe to show as is.
 */
export class AuditUnavailableError extends Error {
  constructor(message = 'The audit database is unavailable, so nothing was changed. Try again in a minute; if it persists tell your cluster admin.', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuditUnavailableError';
  }
}
