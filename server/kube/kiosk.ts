import type { AccountSpec, TemplateInstanceSpec, TemplateParameter } from '../tenancy/types';
import { resourceClient, type KubeObject } from './objects';
import { R } from './resources';

export interface SpaceReservation {
  space: string;
  expiresAt: string;
}

export interface AccountObject extends KubeObject {
  spec?: AccountSpec & { space?: AccountSpec['space'] & { deleteSpacesOnAccountDeletion?: boolean } };
  status?: { namespaces?: { name: string }[]; spaceReservations?: SpaceReservation[] };
}

export interface TemplateObject extends KubeObject {
  resources?: { manifests?: unknown[]; helm?: Record<string, unknown> };
  parameters?: TemplateParameter[];
}

export interface TemplateInstanceStatus {
  status?: '' | 'Deployed' | 'Failed';
  reason?: string;
  message?: string;
  templateResourceVersion?: string;
  templateManifests?: string;
  observedAt?: string;
}

export interface TemplateInstanceObject extends KubeObject {
  spec: TemplateInstanceSpec;
  status?: TemplateInstanceStatus;
}

export interface AccountQuotaObject extends KubeObject {
  spec: { account: string; quota?: { hard?: Record<string, string>; scopes?: string[]; scopeSelector?: unknown } };
  status?: unknown;
}

export const accounts = resourceClient<AccountObject>(R.accounts);
export const accountQuotas = resourceClient<AccountQuotaObject>(R.accountQuotas);
export const templates = resourceClient<TemplateObject>(R.templates);
export const templateInstances = resourceClient<TemplateInstanceObject>(R.templateInstances);
