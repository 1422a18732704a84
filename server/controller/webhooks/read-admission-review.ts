import type { IncomingMessage } from 'node:http';
import type { AdmissionRequest } from './admission-review';

/** Nesting deeper than this is refused: the rules and the logger must never recurse into a hostile document. */
export const MAX_REVIEW_DEPTH = 512;
const OPERATIONS = new Set(['CREATE', 'UPDATE', 'DELETE', 'CONNECT']);

/** The caller's mistake, answered with `code` and a message naming what is wrong; never our own fault. */
export class BadReview extends Error {
  constructor(readonly code: 400 | 413 | 415, message: string) {
    super(message);
    this.name = 'BadReview';
  }
}

/**
 * Reads and checks an AdmissionReview body: 415 for a body that is not JSON by its Content-Type, 413 for a body
 * larger than `maxBytes` (decided from Content-Length before anything is read, and again while reading a body
 * sent without one), 400 for an empty body, invalid JSON, nesting deeper than {@link MAX_REVIEW_DEPTH}, or a
 * review without the fields every rule relies on. Returns the request of a well-formed `admission.k8s.io/v1`
 * review.
 */
export async function readAdmissionReview(req: IncomingMessage, maxBytes: number): Promise<AdmissionRequest> {
  const type = (req.headers['content-type'] ?? 'application/json').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new BadReview(415, `Content-Type must be application/json (an AdmissionReview), not "${type}"`);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw new BadReview(413, `the AdmissionReview is ${declared} bytes; at most ${maxBytes} are accepted`);
  const body = await readLimited(req, maxBytes);
  const size = body.length;
  if (size === 0) throw new BadReview(400, 'the request body is empty; send an admission.k8s.io/v1 AdmissionReview');
  let review: unknown;
  try {
    review = JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new BadReview(400, `the request body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (depthOver(review, MAX_REVIEW_DEPTH)) throw new BadReview(400, `the AdmissionReview is nested more than ${MAX_REVIEW_DEPTH} levels deep`);
  return checkReview(review);
}

/**
 * The body, up to `maxBytes`. Past that the rest is discarded (not buffered) and 413 thrown; the request stream is
 * left intact, so the answer can still be sent on it.
 */
function readLimited(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) {
        req.off('data', onData).off('end', onEnd);
        req.resume();
        reject(new BadReview(413, `the AdmissionReview is larger than ${maxBytes} bytes`));
        return;
      }
      chunks.push(c);
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on('data', onData).on('end', onEnd).on('error', reject);
  });
}

function checkReview(review: unknown): AdmissionRequest {
  if (!isObject(review)) throw new BadReview(400, 'the body must be an AdmissionReview object');
  if (review.apiVersion !== 'admission.k8s.io/v1' || review.kind !== 'AdmissionReview') {
    throw new BadReview(400, `apiVersion and kind must be admission.k8s.io/v1 AdmissionReview, not ${JSON.stringify(String(review.apiVersion ?? ''))} ${JSON.stringify(String(review.kind ?? ''))}`);
  }
  const r = review.request;
  if (!isObject(r)) throw new BadReview(400, 'request: required; the AdmissionReview has no request object');
  const text = (field: string, value: unknown, optional = false) => {
    if (value === undefined && optional) return;
    if (typeof value !== 'string' || (!optional && value === '' && field !== 'request.kind.group' && field !== 'request.resource.group')) {
      throw new BadReview(400, `${field}: must be a${optional ? '' : ' non-empty'} string`);
    }
  };
  text('request.uid', r.uid);
  for (const [field, keys] of [['kind', ['group', 'version', 'kind']], ['resource', ['group', 'version', 'resource']]] as const) {
    const v = r[field];
    if (!isObject(v)) throw new BadReview(400, `request.${field}: must be an object with ${keys.join(', ')}`);
    for (const k of keys) text(`request.${field}.${k}`, v[k]);
  }
  text('request.subResource', r.subResource, true);
  text('request.name', r.name, true);
  text('request.namespace', r.namespace, true);
  if (typeof r.operation !== 'string' || !OPERATIONS.has(r.operation)) throw new BadReview(400, `request.operation: must be one of CREATE, UPDATE, DELETE, CONNECT`);
  if (!isObject(r.userInfo)) throw new BadReview(400, 'request.userInfo: must be an object with username');
  text('request.userInfo.username', r.userInfo.username, true);
  const groups = r.userInfo.groups;
  if (groups !== undefined && (!Array.isArray(groups) || groups.some((g) => typeof g !== 'string'))) throw new BadReview(400, 'request.userInfo.groups: must be a list of strings');
  for (const field of ['object', 'oldObject'] as const) {
    const v = r[field];
    if (v !== undefined && v !== null && !isObject(v)) throw new BadReview(400, `request.${field}: must be an object`);
    if (isObject(v) && v.metadata !== undefined && !isObject(v.metadata)) throw new BadReview(400, `request.${field}.metadata: must be an object`);
  }
  if (r.dryRun !== undefined && typeof r.dryRun !== 'boolean') throw new BadReview(400, 'request.dryRun: must be true or false');
  return r as unknown as AdmissionRequest;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a parsed JSON value nests deeper than `limit`, measured without recursion. */
function depthOver(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
