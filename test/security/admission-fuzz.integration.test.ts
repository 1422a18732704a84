// Bad input to the webhooks is the caller's error: random, truncated, empty, non-JSON, deeply nested and huge
// AdmissionReviews get 400 (413 past the size limit, decided before the body is parsed) saying what is wrong,
// never 500, and the controller keeps running and answering well-formed reviews.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { callController, controllerHealthy, podReview } from './support';

const path = '/admission/account-quota';
const post = (body: string | Buffer, extra: { headers?: Record<string, string>; chunked?: boolean } = {}) => callController({ path, client: 'webhook', body, ...extra });
const valid = () => JSON.stringify(podReview('default', 'fuzz', randomUUID(), randomUUID()));

describe('malformed AdmissionReviews', () => {
  it.each<[string, () => string | Buffer, number, string]>([
    ['an empty body', () => '', 400, 'the request body is empty'],
    ['text that is not JSON', () => 'hello webhook', 400, 'the request body is not valid JSON'],
    ['a JSON list', () => '[1,2,3]', 400, 'the body must be an AdmissionReview object'],
    ['another kind', () => JSON.stringify({ apiVersion: 'v1', kind: 'Pod' }), 400, 'apiVersion and kind must be admission.k8s.io/v1 AdmissionReview'],
    ['no request', () => JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' }), 400, 'request: required'],
    ['a request without uid', () => JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: {} }), 400, 'request.uid: must be a non-empty string'],
    ['an unknown operation', () => valid().replace('"CREATE"', '"SMASH"'), 400, 'request.operation: must be one of CREATE, UPDATE, DELETE, CONNECT'],
    ['an object that is a string', () => valid().replace(/"object":\{.*\},"dryRun"/, '"object":"x","dryRun"'), 400, 'request.object: must be an object'],
    ['nesting 100,000 levels deep', () => `{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, 400, 'nested more than 512 levels deep'],
    ['random bytes', () => randomBytes(4096), 400, 'the request body is not valid JSON'],
  ])('%s: %s naming the problem', async (_, body, status, message) => {
    const a = await post(body());
    expect(a.status).toBe(status);
    expect(a.json).toMatchObject({ kind: 'Status', code: status });
    expect(a.json.message).toContain(message);
  });

  it('a body past the size limit: 413 from Content-Length, before anything is read', async () => {
    // announces 20 MiB, sends 1 KiB and waits: the answer must come from the header alone
    const a = await callController({ path, client: 'webhook', body: Buffer.alloc(1024, 0x20), headers: { 'Content-Length': 20 * 1024 * 1024 }, partial: true });
    expect(a.status).toBe(413);
    expect(a.json.message).toMatch(/the AdmissionReview is 20971520 bytes; at most \d+ are accepted/);
  });

  it('a body past the size limit without Content-Length: 413 while reading', async () => {
    const a = await post(Buffer.alloc(20 * 1024 * 1024, 0x20), { chunked: true });
    expect(a.status).toBe(413);
    expect(a.json.message).toMatch(/larger than \d+ bytes/);
  });

  it('another Content-Type: 415', async () => {
    const a = await post(valid(), { headers: { 'Content-Type': 'text/plain' } });
    expect(a.status).toBe(415);
  });

  it('200 random and truncated reviews: only 400s (or a decided review), no 500, and the controller stays up', async () => {
    const codes = new Map<number, number>();
    for (let i = 0; i < 200; i++) {
      const whole = valid();
      const body = i % 2 === 0 ? whole.slice(0, randomInt(whole.length)) : mutate(whole);
      const a = await post(body);
      codes.set(a.status, (codes.get(a.status) ?? 0) + 1);
      expect([200, 400]).toContain(a.status);
      if (a.status === 400) expect(a.json?.message).toBeTruthy();
    }
    expect(codes.get(400)).toBeGreaterThan(100);
    expect(await controllerHealthy()).toBe(true);
    const a = await post(valid());
    expect(a.status).toBe(200);
    expect(a.json.response.allowed).toBe(true);
  }, 120_000);
});

/** The review with one character replaced, inserted or deleted at random. */
function mutate(text: string): string {
  const at = randomInt(text.length);
  const c = String.fromCharCode(randomInt(32, 127));
  switch (randomInt(3)) {
    case 0: return text.slice(0, at) + c + text.slice(at + 1);
    case 1: return text.slice(0, at) + c + text.slice(at);
    default: return text.slice(0, at) + text.slice(at + 1);
  }
}
