import { ACCOUNT_LABEL } from '@/server/tenancy';
import type { Caches } from '../caches';
import type { AdmissionRequest } from '../webhooks/admission-review';
import { admissionAuditEvent } from './admission-audit-event';
import { controllerAudit } from './controller-audit';
import { quotaDenials } from './quota-denial-counter';

/**
 * Changes made through the Kubernetes API, for the audit trail, after the webhook answered: config.kiosk.sh objects
 * one event each (source 'api'), AccountQuota denials as counts per account, resource and minute.
 */
export function recordAdmission(caches: Pick<Caches, 'namespaces'>, path: string, request: AdmissionRequest, denial: { message: string; code?: number } | undefined): void {
  const audit = controllerAudit();
  if (!audit.enabled) return;
  const accountOfNamespace = (ns: string) => caches.namespaces.get(ns)?.metadata.labels?.[ACCOUNT_LABEL];
  if (path === '/admission/config') {
    const event = admissionAuditEvent(request, denial, { controllerUser: audit.actor.username, accountOfNamespace });
    if (event) audit.record(event);
  } else if (path === '/admission/account-quota' && denial && !denial.code && !request.dryRun && request.namespace) {
    // A rule's denial has no code; an error (caches not synced, conflicts) has 500 and is not a denial.
    const resource = request.resource.group ? `${request.resource.resource}.${request.resource.group}` : request.resource.resource;
    quotaDenials().add(accountOfNamespace(request.namespace) ?? '', resource, denial.message);
  }
}
