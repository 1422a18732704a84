import { ACCOUNT_LABEL } from '@/server/tenancy';
import { validateRbacSubjects } from '@/server/tenancy/validate-rbac-subject';
import type { AdmissionRule } from './admission-review';

const isKind = (req: Parameters<AdmissionRule>[0], kind: string) => req.kind.group === 'config.kiosk.sh' && req.kind.kind === kind;

/** spec.account of an AccountQuota may not move to another account: its usage would be wrong. */
export const accountQuotaAccountImmutable: AdmissionRule = (req) => {
  if (!isKind(req, 'AccountQuota') || req.operation !== 'UPDATE') return;
  const before = req.oldObject?.spec?.account;
  const after = req.object?.spec?.account;
  if (before !== after) return `spec.account is immutable (was "${before}", got "${after}"): delete the AccountQuota and create a new one for account "${after}"`;
};

/** spec.template of a TemplateInstance may not change: what it applied belongs to the old template. */
export const templateInstanceTemplateImmutable: AdmissionRule = (req) => {
  if (!isKind(req, 'TemplateInstance') || req.operation !== 'UPDATE') return;
  const before = req.oldObject?.spec?.template;
  const after = req.object?.spec?.template;
  if (before !== after) return `spec.template is immutable (was "${before}", got "${after}"): create a new TemplateInstance for template "${after}" instead`;
};

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

export const configRules: AdmissionRule[] = [accountQuotaAccountImmutable, templateInstanceTemplateImmutable, accountSubjectsValid, spaceTemplateNoAccountLabel];
