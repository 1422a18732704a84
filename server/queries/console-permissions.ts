import 'server-only';
import { cache } from 'react';
import { ruleAllows } from '@/server/controller/apiserver/rbac-rules';
import type { Caller } from '@/server/auth/session';
import { selfRules } from '@/server/kube';

/** What the console offers a person: which sections and buttons to show. Hints only; every request is the check. */
export interface ConsolePermissions {
  createSpaces: boolean;
  listAccounts: boolean;
  listTemplates: boolean;
  listAuditOfAll: boolean;
  createAccounts: boolean;
  updateAccounts: boolean;
  deleteAccounts: boolean;
  createAccountQuotas: boolean;
  updateAccountQuotas: boolean;
  /** Every namespace of the cluster: the All spaces page. */
  listNamespaces: boolean;
  /** Deleting any namespace (the All spaces bulk delete; a tenant's own space is deleted from its page). */
  deleteSpaces: boolean;
  /** The cluster's APIServices: the Health page. */
  readHealth: boolean;
}

// React's cache compares arguments by identity, and every requireCaller() builds a new Caller: keyed by the caller
// object, the layout and the page each made their own review. One map per request, keyed by the credential, is shared.
const reviewsOfThisRequest = cache(() => new Map<string, Promise<ConsolePermissions>>());

/**
 * One SelfSubjectRulesReview per page view, shared by the layout (navigation) and the page (buttons) through
 * React's per-request cache, so the page budget stays at three Kubernetes requests.
 */
export function consolePermissions(caller: Caller): Promise<ConsolePermissions> {
  const reviews = reviewsOfThisRequest();
  const key = JSON.stringify(caller.as);
  let review = reviews.get(key);
  if (!review) reviews.set(key, (review = rulesReview(caller)));
  return review;
}

async function rulesReview(caller: Caller): Promise<ConsolePermissions> {
  const rules = await selfRules(caller.as).catch(() => []);
  const can = (verb: string, apiGroup: string, resource: string) => rules.some((r) => ruleAllows({ ...r, verbs: r.verbs ?? [] }, { verb, apiGroup, resource }));
  return {
    createSpaces: can('create', 'tenancy.kiosk.sh', 'spaces'),
    listAccounts: can('list', 'config.kiosk.sh', 'accounts'),
    listTemplates: can('list', 'config.kiosk.sh', 'templates'),
    listAuditOfAll: can('list', 'config.kiosk.sh', 'accounts'),
    createAccounts: can('create', 'config.kiosk.sh', 'accounts'),
    updateAccounts: can('patch', 'config.kiosk.sh', 'accounts'),
    deleteAccounts: can('delete', 'config.kiosk.sh', 'accounts'),
    createAccountQuotas: can('create', 'config.kiosk.sh', 'accountquotas'),
    updateAccountQuotas: can('patch', 'config.kiosk.sh', 'accountquotas'),
    listNamespaces: can('list', '', 'namespaces'),
    deleteSpaces: can('delete', '', 'namespaces'),
    readHealth: can('get', 'apiregistration.k8s.io', 'apiservices'),
  };
}
