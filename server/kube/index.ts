// server/kube is the only module that talks to Kubernetes (lint-enforced).
export { serviceKubeConfig } from './config';
export { getClusterVersion, type ClusterVersion } from './version';
export { describeKubeError } from './errors';
export { listNamespaceNames } from './namespaces';
export { kubeRequest, KubeApiError, isNotFound, isConflict, isAlreadyExists, isBearer, type Impersonation, type BearerCredential, type ActAs, type KubeRequest } from './request';
export { selfSubjectReview, selfCan, selfRules, type SelfUserInfo, type SelfResourceRule } from './self-review';
export { R, resourcePath, apiVersionOf, type ResourceRef } from './resources';
export { resourceClient, ownerRef, type KubeObject, type OwnerReference, type ListOptions } from './objects';
export { createCache, type ObjectCache, type CacheEvent } from './informer';
export { leases, type Lease } from './leases';
export { accounts, accountQuotas, templates, templateInstances, type AccountObject, type TemplateObject, type TemplateInstanceObject, type TemplateInstanceStatus, type AccountQuotaObject, type SpaceReservation } from './kiosk';
export { namespaces, roleBindings, clusterRoles, clusterRoleBindings, type NamespaceObject, type RoleBindingObject, type ClusterRoleObject, type RoleRef } from './core';
export { userCan, type ResourceAttributes } from './subject-access-review';
export { discoverResource, forgetDiscovery, parseApiVersion, UnknownKindError } from './discovery';
export { applyObject, deleteObject, type ApplyAction, type ApplyObjectOptions } from './apply';
export { watchStream, type WatchEvent, type WatchHandle, type WatchStreamRequest } from './watch-stream';
export { accessReview, type ReviewResourceAttributes, type NonResourceAttributes, type ReviewedUser, type AccessReviewStatus } from './access-review';
export { kubeClientRegistry } from './metrics';
