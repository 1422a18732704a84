import type { FieldError, Subject } from './types';

/** The API group of User and Group subjects. */
export const RBAC_API_GROUP = 'rbac.authorization.k8s.io';

const KINDS = ['User', 'Group', 'ServiceAccount'] as const;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Result of {@link validateRbacSubject}: the normalised subject, or every problem found. */
export type ValidateRbacSubjectResult = { ok: true; subject: Subject } | { ok: false; errors: FieldError[] };

/**
 * Validates one RBAC subject of `Account.spec.subjects`, as Kiosk's `ValidateRoleBindingSubject` does and a little
 * stricter: `kind` is User, Group or ServiceAccount; `name` is non-empty (a DNS-1123 subdomain for ServiceAccount);
 * User and Group take `apiGroup` rbac.authorization.k8s.io (empty is normalised to it) and no `namespace`;
 * ServiceAccount takes an empty `apiGroup` and requires `namespace` (a DNS-1123 label).
 * `path` is where the subject sits, e.g. `spec.subjects[1]`; errors name the field below it and how to fix it.
 */
export function validateRbacSubject(subject: unknown, path: string): ValidateRbacSubjectResult {
  if (subject === null || typeof subject !== 'object' || Array.isArray(subject)) {
    return { ok: false, errors: [error(path, 'Invalid value: must be an object', 'write the subject as {kind, name, apiGroup} or {kind: ServiceAccount, name, namespace}')] };
  }
  const s = subject as Record<string, unknown>;
  const errors: FieldError[] = [];
  const name = text(s.name);
  const apiGroup = text(s.apiGroup);
  const namespace = text(s.namespace);

  if (!name) errors.push(error(`${path}.name`, 'Required value', 'set the name of the user, group or service account'));

  const kind = KINDS.find((k) => k === s.kind);
  if (!kind) {
    const near = KINDS.find((k) => k.toLowerCase() === text(s.kind).toLowerCase());
    errors.push(
      s.kind === undefined || s.kind === ''
        ? error(`${path}.kind`, 'Required value', 'set kind to User, Group or ServiceAccount')
        : error(
            `${path}.kind`,
            `Unsupported value: ${JSON.stringify(s.kind)}: supported values: "User", "Group", "ServiceAccount"`,
            near ? `kinds are case-sensitive: write ${near}` : 'set kind to User, Group or ServiceAccount',
          ),
    );
    return { ok: false, errors };
  }

  if (kind === 'ServiceAccount') {
    if (name && !isSubdomain(name)) {
      errors.push(error(`${path}.name`, `Invalid value: ${JSON.stringify(name)}: a service account name must be a lowercase RFC 1123 subdomain`, 'use the name exactly as in the ServiceAccount\'s metadata.name'));
    }
    if (apiGroup) {
      errors.push(error(`${path}.apiGroup`, `Unsupported value: ${JSON.stringify(apiGroup)}: supported values: ""`, 'remove apiGroup: ServiceAccount subjects belong to the core group'));
    }
    if (!namespace) {
      errors.push(error(`${path}.namespace`, 'Required value', 'set namespace to the namespace of the service account'));
    } else if (namespace.length > 63 || !DNS1123_LABEL.test(namespace)) {
      errors.push(error(`${path}.namespace`, `Invalid value: ${JSON.stringify(namespace)}: a namespace name must be a lowercase RFC 1123 label`, 'use the namespace exactly as kubectl get namespaces shows it'));
    }
    return errors.length > 0 ? { ok: false, errors } : { ok: true, subject: { kind, name, namespace } };
  }

  if (apiGroup && apiGroup !== RBAC_API_GROUP) {
    errors.push(error(`${path}.apiGroup`, `Unsupported value: ${JSON.stringify(apiGroup)}: supported values: "${RBAC_API_GROUP}"`, `set apiGroup to ${RBAC_API_GROUP} (or leave it out)`));
  }
  if (namespace) {
    errors.push(error(`${path}.namespace`, `Forbidden: namespace applies only to ServiceAccount subjects, not to ${kind}`, `remove namespace from this ${kind} subject`));
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, subject: { kind, name, apiGroup: RBAC_API_GROUP } };
}

/** Result of {@link validateRbacSubjects}. */
export type ValidateRbacSubjectsResult = { ok: true; subjects: Subject[] } | { ok: false; errors: FieldError[] };

/** Validates and normalises a list of subjects ({@link validateRbacSubject}), collecting the errors of all of them. */
export function validateRbacSubjects(subjects: unknown, path = 'spec.subjects'): ValidateRbacSubjectsResult {
  if (subjects === undefined || subjects === null) return { ok: true, subjects: [] };
  if (!Array.isArray(subjects)) {
    return { ok: false, errors: [error(path, 'Invalid value: must be a list', 'write subjects as a list of {kind, name, ...}')] };
  }
  const normalised: Subject[] = [];
  const errors: FieldError[] = [];
  subjects.forEach((subject, index) => {
    const result = validateRbacSubject(subject, `${path}[${index}]`);
    if (result.ok) normalised.push(result.subject);
    else errors.push(...result.errors);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, subjects: normalised };
}

function error(field: string, message: string, hint: string): FieldError {
  return { field, message, hint };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function isSubdomain(name: string): boolean {
  return name.length <= 253 && DNS1123_SUBDOMAIN.test(name);
}
