import { ACCOUNT_LABEL } from '@/server/tenancy';
import { validateRbacSubjects } from '@/server/tenancy/validate-rbac-subject';
import type { AdmissionRule } from './admission-review';

const isKind = (req: Parameters<AdmissionRule>[0], kind: string) => req.kind.group === 'config.kiosk.sh' && req.kind.kind === kind;

/** Account subjects must be valid RBAC subjects, or the bindings made from them would fail later and silently. */
export const accountSubjectsValid: AdmissionRule = (req) => {
  if (!isKind(req, 'Account') || req.operation === 'DELETE') return;
  const result = validateRbacSubjects(req.object?.spec?.subjects ?? []);
  if (!result.ok) return result.errors.map((e) => `${e.field}: ${e.message} (${e.hint})`).join('; ');
};

/** A spaceTemplate may not claim spaces for another account through the account label. */
export const spaceTemplateNoAccountLabel: AdmissionRule = (req) => {
  if (!isKind(req, 'Account') || req.operation === 'DELETE') return;
  const labels = req.object?.spec?.space?.spaceTemplate?.metadata?.labels ?? {};
  if (Object.hasOwn(labels, ACCOUNT_LABEL)) {
    return `spec.space.spaceTemplate.metadata.labels: must not set "${ACCOUNT_LABEL}"; Atrium sets it to the owning account. Remove that label from the spaceTemplate`;
  }
};

// Immutability of AccountQuota.spec.account and TemplateInstance.spec.template is
// enforced by CEL rules in the CRDs, which run before webhooks.
export const configRules: AdmissionRule[] = [accountSubjectsValid, spaceTemplateNoAccountLabel];
