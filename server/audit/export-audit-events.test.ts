import { describe, expect, it } from 'vitest';
import { auditEventsCsv, auditEventsJson, csvField } from './export-audit-events';
import { decodeCursor, encodeCursor } from './list-audit-events';
import type { AuditEvent } from './types';

const event = (seq: number, name: string): AuditEvent => ({
  seq: String(seq), requestId: `r${seq}`, at: new Date(Date.UTC(2026, 10, 30, 10, 0, seq)), recordedAt: new Date(Date.UTC(2026, 10, 30, 10, 0, seq)),
  source: 'console', actor: { username: 'alice', groups: ['a', 'b'], via: 'oidc', issuer: 'https://idp' }, action: 'space.create',
  target: { kind: 'Space', name, account: 'team-a' }, summary: { name }, outcome: 'done', message: null, clientAddress: null, hash: 'ab',
});

async function* from<T>(items: T[]) {
  yield* items;
}
async function collect(gen: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const c of gen) out.push(c);
  return out;
}

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@sum', "'@sum"],
    [null, ''],
  ])('%j → %s', (value, field) => {
    expect(csvField(value)).toBe(field);
  });
});

describe('export', () => {
  it('streams CSV a line per event, names verbatim', async () => {
    const chunks = await collect(auditEventsCsv(from([event(1, '<img src=x onerror=alert(1)>'), event(2, 'dev,prod')])));
    expect(chunks).toHaveLength(3);
    expect(chunks[0]).toMatch(/^seq,at,recorded_at,source,actor,/);
    expect(chunks[1]).toContain(',<img src=x onerror=alert(1)>,');
    expect(chunks[2]).toContain(',"dev,prod",');
  });

  it('streams a JSON array that parses back to the events', async () => {
    const events = [event(1, 'a'), event(2, 'b')];
    const chunks = await collect(auditEventsJson(from(events)));
    expect(chunks.length).toBe(4);
    expect(JSON.parse(chunks.join(''))).toEqual(JSON.parse(JSON.stringify(events)));
    expect(JSON.parse((await collect(auditEventsJson(from([])))).join(''))).toEqual([]);
  });
});

describe('cursor', () => {
  it('round-trips', () => {
    const c = encodeCursor({ at: new Date('2026-11-30T10:00:00.123Z'), seq: '9007199254740993' });
    expect(decodeCursor(c)).toEqual({ at: new Date('2026-11-30T10:00:00.123Z'), seq: 9007199254740993n });
  });
  it.each(['', 'garbage', Buffer.from('[1,"x"]').toString('base64url'), Buffer.from('["1","2"]').toString('base64url')])('rejects %j with a message', (c) => {
    expect(() => decodeCursor(c)).toThrow(/cursor: not a cursor from a previous page/);
  });
});
