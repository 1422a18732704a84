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

describe('the audit page\'s default range', () => {
  const now = new Date('2026-11-30T09:30:00Z');
  const opts = { defaultDays: 30, now };

  it('without dates looks back 30 days, today included, and says so in the params the links carry', () => {
    const q = parseAuditQuery({ q: 'user-7@' }, opts);
    expect(q.range).toBe('recent');
    expect(q.filter).toEqual({ text: 'user-7@', from: new Date('2026-11-01T00:00:00Z') });
    expect(q.params).toEqual({ q: 'user-7@', from: '2026-11-01' });
  });

  it('all=1 searches all time', () => {
    const q = parseAuditQuery({ q: 'x', all: '1' }, opts);
    expect(q).toMatchObject({ range: 'all', filter: { text: 'x' }, params: { q: 'x', all: '1' }, errors: [] });
  });

  it('dates the person chose win over all=1 and over the default', () => {
    const q = parseAuditQuery({ to: '2026-01-31', all: '1' }, opts);
    expect(q).toMatchObject({ range: 'chosen', filter: { to: new Date('2026-02-01T00:00:00Z') }, params: { to: '2026-01-31' } });
    expect(q.filter.from).toBeUndefined();
  });

  it('names the fix for an all= it does not understand, and keeps the default', () => {
    const q = parseAuditQuery({ all: 'yes' }, opts);
    expect(q.errors).toEqual(['all: “yes” is not understood; use all=1 to search all time']);
    expect(q.range).toBe('recent');
  });

  it('is off where no default is asked for (the export takes the URL as it is)', () => {
    expect(parseAuditQuery({ q: 'x' })).toMatchObject({ range: 'all', filter: { text: 'x' } });
  });
});

describe('auditHref', () => {
  it('keeps the filters and escapes them', () => {
    expect(auditHref('/api/audit/export', { actor: 'a&b', q: '<img>' }, { format: 'csv', cursor: undefined })).toBe('/api/audit/export?actor=a%26b&q=%3Cimg%3E&format=csv');
    expect(auditHref('/audit', {})).toBe('/audit');
  });
});
