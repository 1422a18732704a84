// server/tenancy: pure domain logic of the Kiosk contract. No I/O, no framework, no Kubernetes client (lint-enforced).
export type {
  Account,
  AccountSpace,
  AccountSpec,
  AccountStatus,
  AccountTemplateInstance,
  FieldError,
  JsonObject,
  JsonValue,
  ObjectMeta,
  ReferencedObject,
  SpaceTemplate,
  StringMap,
  Subject,
  TemplateContext,
  TemplateInstanceParameter,
  TemplateInstanceSpec,
  TemplateParameter,
  UserInfo,
} from './types';
export { ACCOUNT_LABEL, AGGREGATE_TO_SPACE_ADMIN_LABEL, INITIALIZING_ANNOTATION, NO_OWNER_ANNOTATION } from './kiosk-labels';
export { renderTemplate, type RenderTemplateResult } from './render-template';
export { substituteParameters, type ParameterLookup, type ParameterResolver, type SubstituteResult } from './substitute-parameters';
export { parseTypedValue, type ParseTypedValueResult } from './parse-typed-value';
export { resolvePredefinedParameter } from './resolve-predefined-parameter';
export { validateTemplateParameters, type ValidateTemplateParametersResult } from './validate-template-parameters';
export { accountsOf, isAccountMember } from './membership';
export {
  checkSpaceLimit,
  resolveSpaceAccount,
  spaceLabels,
  spaceLimitMessage,
  type ResolveSpaceAccountInput,
  type ResolveSpaceAccountResult,
  type SpaceLabelsResult,
  type SpaceLimitCheck,
} from './space-rules';
export { threeWayMerge } from './three-way-merge';
export {
  RBAC_API_GROUP,
  validateRbacSubject,
  validateRbacSubjects,
  type ValidateRbacSubjectResult,
  type ValidateRbacSubjectsResult,
} from './validate-rbac-subject';
export {
  LAST_APPLIED_ANNOTATION,
  changedKeys,
  isReservedKey,
  keyMatches,
  metadataRefusalMessage,
  refusedSpaceMetadata,
  type MetadataRefusal,
  type SpaceMetadataAllowList,
} from './space-metadata-policy';
export { AUTHOR_ANNOTATION, formatAuthor, parseAuthor, type TemplateAuthor } from './template-author';
export { NAMING_PARAMETERS_ANNOTATION, namingParametersOf, parametersNamingObjects, type NamingParameterUse } from './parameters-naming-objects';
