// Label and annotation keys of the Kiosk contract (reference/kiosk-api.md); the values are wire format.

/** Namespace label naming the owning account; a Space shows it as `spec.account`. */
export const ACCOUNT_LABEL = 'kiosk.sh/account';

/** Namespace annotation present while the mandatory templates of a new space deploy. */
export const INITIALIZING_ANNOTATION = 'kiosk.sh/initializing';

/** TemplateInstance annotation: when `"true"`, rendered objects get no ownerReferences. */
export const NO_OWNER_ANNOTATION = 'templateinstance.config.kiosk.sh/no-owner';

/** ClusterRole label aggregating the role into `kiosk-space-admin`. */
export const AGGREGATE_TO_SPACE_ADMIN_LABEL = 'rbac.kiosk.sh/aggregate-to-space-admin';
