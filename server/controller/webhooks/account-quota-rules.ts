import type { Caches } from '../caches';
import { quotaServices } from '../quota/services';
import type { AdmissionRule } from './admission-review';
import { accountQuotaRule } from './account-quota';

const rules = new WeakMap<Caches, AdmissionRule[]>();

/** The rule chain of /admission/account-quota: AccountQuota enforcement, with this replica's charger. */
export function accountQuotaRules(caches: Caches): AdmissionRule[] {
  let chain = rules.get(caches);
  if (!chain) {
    chain = [accountQuotaRule({ caches, ...quotaServices(caches) })];
    rules.set(caches, chain);
  }
  return chain;
}
