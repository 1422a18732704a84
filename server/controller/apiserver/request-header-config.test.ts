import { describe, expect, it } from 'vitest';
import { identityFromHeaders, parseRequestHeaderConfig } from './request-header-config';
import { pem } from '../tls/certificate.fixtures';

// As kube-apiserver 1.36 writes it (kube-system/extension-apiserver-authentication).
const data = {
  'requestheader-client-ca-file': pem.root,
  'requestheader-allowed-names': '["front-proxy-client"]',
  'requestheader-username-headers': '["X-Remote-User"]',
  'requestheader-group-headers': '["X-Remote-Group"]',
  'requestheader-extra-headers-prefix': '["X-Remote-Extra-"]',
};
const config = parseRequestHeaderConfig(data)!;

describe('parseRequestHeaderConfig', () => {
  it('reads the CA, names and headers', () => {
    expect(config).toMatchObject({ allowedNames: ['front-proxy-client'], usernameHeaders: ['X-Remote-User'], groupHeaders: ['X-Remote-Group'], extraHeaderPrefixes: ['X-Remote-Extra-'], uidHeaders: [] });
    expect(config.clientCA).toHaveLength(1);
  });
  it.each([
    ['no data', undefined],
    ['no CA', { ...data, 'requestheader-client-ca-file': '' }],
    ['no username header', { ...data, 'requestheader-username-headers': '[]' }],
    ['a CA that is not PEM', { ...data, 'requestheader-client-ca-file': 'nonsense' }],
  ])('is undefined with %s', (_, d) => expect(parseRequestHeaderConfig(d as Record<string, string> | undefined)).toBeUndefined());
  it('treats malformed lists as empty', () => {
    expect(parseRequestHeaderConfig({ ...data, 'requestheader-allowed-names': 'not json' })?.allowedNames).toEqual([]);
  });
});

describe('identityFromHeaders', () => {
  it.each([
    ['user only', { 'x-remote-user': ['dev'] }, { username: 'dev', groups: ['system:authenticated'], extra: {} }],
    ['repeated group lines stay apart (a group may contain a comma)', { 'x-remote-user': ['dev'], 'x-remote-group': ['a, b', 'system:authenticated'] },
      { username: 'dev', groups: ['a, b', 'system:authenticated'], extra: {} }],
    ['escaped extra keys, lower-cased', { 'x-remote-user': ['dev'], 'x-remote-extra-scopes': ['x', 'y'], 'x-remote-extra-example.org%2fTeam': ['t'] },
      { username: 'dev', extra: { scopes: ['x', 'y'], 'example.org/team': ['t'] } }],
  ])('reads %s', (_, headers, want) => expect(identityFromHeaders(config, headers)).toMatchObject(want));
  it('is undefined without a username', () => expect(identityFromHeaders(config, { 'x-remote-group': ['g'] })).toBeUndefined());
  it('reads the uid header when configured', () => {
    const c = parseRequestHeaderConfig({ ...data, 'requestheader-uid-headers': '["X-Remote-Uid"]' })!;
    expect(identityFromHeaders(c, { 'x-remote-user': ['dev'], 'x-remote-uid': ['42'] })?.uid).toBe('42');
  });
});
