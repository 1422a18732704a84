import { describe, expect, it } from 'vitest';
import { auditHref, parseAuditQuery } from './audit-query';

describe('parseAuditQuery', () => {
  it('turns the URL filters into a store filter, days in UTC with the last day included', () => {
    const q = parseAuditQuery({ actor: ' alice ', action: 'space.create', outcome: 'denied', from: '2026-01-02', to: '2026-01-03', q: 'prod', cursor: 'abc' });
    expect(q.errors).toEqual([]);
    expect(q.filter).toEqual({
      actor: 'alice', action: 'space.create', outcome: 'denied', text: 'prod',
      from: new Date('2026-01-02T00:00:00Z'), to: new Date('2026-01-04T00:00:00Z'),
    });
    expect(q.cursor).toBe('abc');
  });

  it('never takes a visibility scope from the URL', () => {
    const q = parseAuditQuery(new URLSearchParams('visibleTo=x&account=team-a'));
    expect(q.filter).toEqual({ account: 'team-a' });
  });

  it('names the field and the fix for a bad outcome or date, and leaves them out', () => {
    const q = parseAuditQuery({ outcome: 'maybe', from: '02/01/2026', to: '2026-01-01' });
    expect(q.filter).toEqual({ to: new Date('2026-01-02T00:00:00Z') });
    expect(q.errors).toEqual([
      'outcome: “maybe” is not an outcome; choose one of done, denied, failed, unknown',
      'from: “02/01/2026” is not a date; use YYYY-MM-DD',
    ]);
  });

  it('reports a range whose end is before its start', () => {
    expect(parseAuditQuery({ from: '2026-02-01', to: '2026-01-01' }).errors).toEqual(['to: the last day is before the first day (from); swap them']);
  });
});

describe('auditHref', () => {
  it('keeps the filters and escapes them', () => {
    expect(auditHref('/api/audit/export', { actor: 'a&b', q: '<img>' }, { format: 'csv', cursor: undefined })).toBe('/api/audit/export?actor=a%26b&q=%3Cimg%3E&format=csv');
    expect(auditHref('/audit', {})).toBe('/audit');
  });
});
