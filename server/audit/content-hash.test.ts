import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, GENESIS_HASH, linkHash, type ChainContent } from './content-hash';

const base: ChainContent = {
  requestId: 'r1', at: new Date('2026-11-30T10:00:00.123Z'), source: 'console', actorUsername: 'alice', actorGroups: ['a', 'b'],
  actorVia: 'oidc', actorIssuer: 'https://idp', action: 'space.create', targetKind: 'Space', targetName: 'dev', targetAccount: 'team-a',
  targetSpace: null, summary: { b: 1, a: [true, null, 'x'] }, outcome: 'done', message: null, clientAddress: '10.0.0.1',
};

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ z: { y: 1, x: [{ d: 1, c: 2 }] } }, '{"z":{"x":[{"c":2,"d":1}],"y":1}}'],
    [[3, 'a', null, false], '[3,"a",null,false]'],
    [{ skip: undefined, keep: 0 }, '{"keep":0}'],
    ['<img src=x onerror=alert(1)>', '"<img src=x onerror=alert(1)>"'],
    [null, 'null'],
  ])('%j → %s', (value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });
});

describe('contentHash', () => {
  it('does not depend on the key order of the summary (jsonb reorders keys)', () => {
    expect(contentHash({ ...base, summary: { a: [true, null, 'x'], b: 1 } })).toEqual(contentHash(base));
  });

  it.each([
    ['requestId', 'r2'], ['at', new Date('2026-11-30T10:00:00.124Z')], ['source', 'api'], ['actorUsername', 'bob'],
    ['actorGroups', ['b', 'a']], ['actorVia', 'token'], ['actorIssuer', null], ['action', 'space.delete'], ['targetKind', 'Account'],
    ['targetName', 'prod'], ['targetAccount', 'team-b'], ['targetSpace', 'dev'], ['summary', { b: 2, a: [true, null, 'x'] }],
    ['outcome', 'denied'], ['message', 'forbidden'], ['clientAddress', '10.0.0.2'],
  ] as const)('changes when %s changes', (field, value) => {
    expect(contentHash({ ...base, [field]: value })).not.toEqual(contentHash(base));
  });

  it('tells null from an empty string', () => {
    expect(contentHash({ ...base, message: '' })).not.toEqual(contentHash(base));
  });
});

describe('linkHash', () => {
  it('is sha256 of the 8-byte big-endian seq, the previous hash and the content hash, as the database computes it', () => {
    const content = contentHash(base);
    const expected = createHash('sha256').update(Buffer.from('0000000000000001', 'hex')).update(GENESIS_HASH).update(content).digest();
    expect(linkHash(1n, GENESIS_HASH, content)).toEqual(expected);
    expect(linkHash(2n, GENESIS_HASH, content)).not.toEqual(expected);
  });
});

describe('contentHash canonical text', () => {
  it('is sha256 of canonicalJson of the fields in order, version first', () => {
    const c = { ...base, actorIssuer: null, summary: { z: 1, a: { y: [1, 'é'], b: null } }, message: 'say "hi"\n' };
    const text = canonicalJson([1, c.requestId, c.at.toISOString(), c.source, c.actorUsername, c.actorGroups, c.actorVia, c.actorIssuer, c.action,
      c.targetKind, c.targetName, c.targetAccount, c.targetSpace, c.summary, c.outcome, c.message, c.clientAddress]);
    expect(contentHash(c)).toEqual(createHash('sha256').update(text, 'utf8').digest());
    expect(contentHash({ ...c, summary: null })).toEqual(createHash('sha256').update(canonicalJson([1, c.requestId, c.at.toISOString(), c.source,
      c.actorUsername, c.actorGroups, c.actorVia, c.actorIssuer, c.action, c.targetKind, c.targetName, c.targetAccount, c.targetSpace, null,
      c.outcome, c.message, c.clientAddress]), 'utf8').digest());
  });
});
