// Minimal structural types for the Kiosk wire format (reference/kiosk-api.md). JSON names are the contract.

/** String map as used by `metadata.labels` and `metadata.annotations`. */
export type StringMap = Record<string, string>;

/** Any JSON value, as found in manifests and in the objects written to the cluster. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/** A JSON object. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** The part of Kubernetes `ObjectMeta` the domain logic reads. */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  labels?: StringMap;
  annotations?: StringMap;
  resourceVersion?: string;
  uid?: string;
}

/** An RBAC subject (`rbac.authorization.k8s.io/v1` Subject): an "account user" when listed in `Account.spec.subjects`. */
export interface Subject {
  /** `User`, `Group` or `ServiceAccount`. */
  kind: string;
  name: string;
  /** `rbac.authorization.k8s.io` for User and Group, empty for ServiceAccount. */
  apiGroup?: string;
  /** Only for ServiceAccount. */
  namespace?: string;
}

/** The caller as the API server authenticated it. */
export interface UserInfo {
  username: string;
  groups: readonly string[];
}

/** A parameter declared by a Template (top-level `parameters`, not under `spec`). */
export interface TemplateParameter {
  name: string;
  /** Default value. */
  value?: string;
  /** The TemplateInstance must set it in `spec.parameters`. */
  required?: boolean;
  /** Regular expression the value given by the TemplateInstance must match. */
  validation?: string;
}

/** A parameter value given by a TemplateInstance in `spec.parameters`. */
export interface TemplateInstanceParameter {
  name: string;
  value: string;
}

/** `TemplateInstance.spec`. */
export interface TemplateInstanceSpec {
  /** Name of the (cluster-scoped) Template; immutable. */
  template: string;
  /** Re-apply when the Template changes. */
  sync?: boolean;
  parameters?: TemplateInstanceParameter[];
}

/** A mandatory TemplateInstance of every space of an account (`Account.spec.space.templateInstances[]`). */
export interface AccountTemplateInstance {
  metadata?: ObjectMeta;
  spec: TemplateInstanceSpec;
}

/** Labels and annotations forced onto every space of an account. */
export interface SpaceTemplate {
  metadata?: { labels?: StringMap; annotations?: StringMap };
}

/** `Account.spec.space`. */
export interface AccountSpace {
  /** Most spaces the account may own; absent = unlimited. */
  limit?: number;
  /** ClusterRole bound in each new space; absent = `admin`, empty string = no binding. */
  clusterRole?: string;
  templateInstances?: AccountTemplateInstance[];
  spaceTemplate?: SpaceTemplate;
  /** Label keys tenants may set on the account's spaces (Atrium): exact keys or `prefix*` patterns. */
  allowedLabels?: string[];
  /** Annotation keys tenants may set on the account's spaces (Atrium), as allowedLabels. */
  allowedAnnotations?: string[];
}

/** `Account.spec`. */
export interface AccountSpec {
  subjects?: Subject[];
  space?: AccountSpace;
}

/** `Account.status`. */
export interface AccountStatus {
  namespaces?: { name: string }[];
}

/** `config.kiosk.sh/v1alpha1` Account (cluster-scoped). */
export interface Account {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: AccountSpec;
  status?: AccountStatus;
}

/** A problem with one field of a request, with the path as Kubernetes prints it and what to do about it. */
export interface FieldError {
  /** e.g. `spec.subjects[1].namespace`. */
  field: string;
  message: string;
  /** How to fix it. */
  hint: string;
}

/** Metadata of an object a template may reference through predefined parameters. */
export interface ReferencedObject {
  name: string;
  labels?: StringMap;
  annotations?: StringMap;
}

/** What predefined template parameters resolve against: the TemplateInstance's namespace and its owning account. */
export interface TemplateContext {
  namespace: ReferencedObject;
  /** Absent or null when the namespace is not owned by an account. */
  account?: ReferencedObject | null;
}
