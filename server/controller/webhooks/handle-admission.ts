import type { IncomingMessage, ServerResponse } from 'node:http';
import { recordAdmission } from '../audit/record-admission';
import type { TLSSocket } from 'node:tls';
import type { Caches } from '../caches';
import type { Logger } from '../runtime/logger';
import { metrics } from '../runtime/metrics';
import { checkClientCertificate, type ClientTrust } from '../tls/check-client-certificate';
import { runRules, sendReview, type AdmissionRule } from './admission-review';
import { accountQuotaRules } from './account-quota-rules';
import { configRules } from './config-rules';
import { BadReview, readAdmissionReview } from './read-admission-review';
import { spaceMetadataRule } from './space-metadata-rule';
import { templateInstanceAuthorPatch } from './template-instance-author';

const spaceRules = new WeakMap<Caches, AdmissionRule[]>();
/** Validating webhooks: a rule chain per path. */
const webhooks: Record<string, (c: Caches) => AdmissionRule[]> = {
  '/admission/config': () => configRules,
  '/admission/account-quota': (c) => accountQuotaRules(c),
  '/admission/space-metadata': (c) => {
    if (!spaceRules.has(c)) spaceRules.set(c, [spaceMetadataRule(c)]);
    return spaceRules.get(c)!;
  },
};
/** Mutating webhooks: a JSON patch per path. */
const mutations: Record<string, typeof templateInstanceAuthorPatch> = {
  '/admission/template-instance-author': templateInstanceAuthorPatch,
};

export interface AdmissionOptions {
  /** Who may call the webhooks: the kube-apiserver's webhook client certificate. Undefined: anyone who reaches the port. */
  trust?: ClientTrust;
  /** Largest AdmissionReview accepted (413 beyond). */
  maxBodyBytes: number;
}

/** A metav1.Status answer for requests that are not admission reviews we can decide. */
function sendStatus(res: ServerResponse, code: number, reason: string, message: string, close = false): void {
  res.statusCode = code;
  res.setHeader('Content-Type', 'application/json');
  if (close) res.setHeader('Connection', 'close');
  res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code, reason, message }));
}

/**
 * Dispatches an AdmissionReview to the rule chain of its webhook path — after making sure the caller is the
 * kube-apiserver (a forged review could charge a quota: a charge is state) and that the body is a well-formed
 * review. The caller's mistakes are 401/400/413/415 with what is wrong; 500 is kept for our own faults.
 */
export async function handleAdmission(caches: Caches, req: IncomingMessage, res: ServerResponse, log: Logger, opts: AdmissionOptions): Promise<void> {
  const path = (req.url ?? '').split('?')[0]!;
  const remote = req.socket?.remoteAddress;
  const rules = webhooks[path];
  const mutate = mutations[path];
  if (!rules && !mutate) return sendStatus(res, 404, 'NotFound', `no admission webhook is served at ${path}`);
  if (req.method !== 'POST') return sendStatus(res, 405, 'MethodNotAllowed', `${req.method} is not supported; the kube-apiserver POSTs AdmissionReviews`);
  if (opts.trust) {
    const verdict = checkClientCertificate(req.socket as TLSSocket, opts.trust);
    if (!verdict.ok) {
      metrics.admissionsRefused.inc({ webhook: path, reason: 'unauthenticated' });
      log.warn('admission request refused: not the kube-apiserver', { webhook: path, reason: verdict.reason, remote });
      req.resume();
      // close: a client that gets a certificate later (a rotated CA) must reconnect to present it
      return sendStatus(res, 401, 'Unauthorized', `Unauthorized: ${verdict.reason}`, true);
    }
  }
  let request;
  try {
    request = await readAdmissionReview(req, opts.maxBodyBytes);
  } catch (err) {
    if (!(err instanceof BadReview)) throw err;
    metrics.admissionsRefused.inc({ webhook: path, reason: String(err.code) });
    log.warn('admission request refused: bad AdmissionReview', { webhook: path, code: err.code, message: err.message, remote });
    return sendStatus(res, err.code, err.code === 413 ? 'RequestEntityTooLarge' : err.code === 415 ? 'UnsupportedMediaType' : 'BadRequest', err.message, err.code === 413);
  }
  if (mutate) {
    metrics.admissions.inc({ webhook: path, allowed: 'true' });
    return sendReview(res, request.uid, undefined, mutate(request));
  }
  const denial = await runRules(rules!(caches), request);
  metrics.admissions.inc({ webhook: path, allowed: String(!denial) });
  if (denial) log.info('admission denied', { webhook: path, user: request.userInfo.username, kind: request.kind.kind, name: request.name, message: denial.message });
  sendReview(res, request.uid, denial);
  recordAdmission(caches, path, request, denial);
}
