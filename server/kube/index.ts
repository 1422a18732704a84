// server/kube is the only module that talks to Kubernetes (lint-enforced).
export { serviceKubeConfig } from './config';
export { getClusterVersion, type ClusterVersion } from './version';
export { describeKubeError } from './errors';
export { listNamespaceNames } from './namespaces';
