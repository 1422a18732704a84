import type { IncomingMessage, ServerResponse } from 'node:http';
import { recordAdmission } from '../audit/record-admission';
import type { Caches } from '../caches';
import type { Logger } from '../runtime/logger';
import { metrics } from '../runtime/metrics';
import { readJson, runRules, sendReview, type AdmissionRequest, type AdmissionRule } from './admission-review';
import { accountQuotaRules } from './account-quota-rules';
import { configRules } from './config-rules';

const webhooks: Record<string, (c: Caches) => AdmissionRule[]> = {
  '/admission/config': () => configRules,
  '/admission/account-quota': (c) => accountQuotaRules(c),
};

/** Dispatches an AdmissionReview to the rule chain of its webhook path. */
export async function handleAdmission(caches: Caches, req: IncomingMessage, res: ServerResponse, log: Logger): Promise<void> {
  const path = (req.url ?? '').split('?')[0]!;
  const rules = webhooks[path];
  if (!rules || req.method !== 'POST') {
    res.statusCode = 404;
    return void res.end('no such webhook');
  }
  const review = await readJson(req);
  const request = review.request as AdmissionRequest;
  const denial = await runRules(rules(caches), request);
  metrics.admissions.inc({ webhook: path, allowed: String(!denial) });
  if (denial) log.info('admission denied', { webhook: path, user: request.userInfo.username, kind: request.kind.kind, name: request.name, message: denial.message });
  sendReview(res, request.uid, denial);
  recordAdmission(caches, path, request, denial);
}
