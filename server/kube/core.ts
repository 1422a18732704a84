import type { Subject } from '../tenancy/types';
import type { PolicyRule } from '../tenancy/account-rbac';
import { resourceClient, type KubeObject } from './objects';
import { R } from './resources';

export interface NamespaceObject extends KubeObject {
  status?: { phase?: 'Active' | 'Terminating' };
}

export interface RoleRef {
  apiGroup: string;
  kind: 'ClusterRole' | 'Role';
  name: string;
}

export interface RoleBindingObject extends KubeObject {
  roleRef: RoleRef;
  subjects?: Subject[];
}

export interface ClusterRoleObject extends KubeObject {
  rules?: PolicyRule[];
  aggregationRule?: unknown;
}

export const namespaces = resourceClient<NamespaceObject>(R.namespaces);
export const roleBindings = resourceClient<RoleBindingObject>(R.roleBindings);
export const clusterRoles = resourceClient<ClusterRoleObject>(R.clusterRoles);
export const clusterRoleBindings = resourceClient<RoleBindingObject>(R.clusterRoleBindings);
