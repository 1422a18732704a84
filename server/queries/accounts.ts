import 'server-only';
import type { Caller } from '@/server/auth/session';
import { KubeApiError, R, describeKubeError, resourceClient, type AccountObject, type TemplateObject } from '@/server/kube';

const tenancyAccounts = resourceClient<AccountObject>(R.tenancyAccounts);
const templates = resourceClient<TemplateObject>(R.templates);

/** An account as its members see it on the console. */
export interface MyAccount {
  name: string;
  /** Spaces the account owns now (the controller keeps status.namespaces). */
  spaces: number;
  /** Most spaces it may own; undefined = no limit. */
  limit?: number;
  /** Templates every new space of this account gets, in order. */
  mandatoryTemplates: { name: string; template: string }[];
  /** Role the members get in each space (Account spec.space.clusterRole; Kiosk's default is admin). */
  clusterRole: string;
}

export function toMyAccount(a: AccountObject): MyAccount {
  const space = a.spec?.space;
  return {
    name: a.metadata.name ?? '',
    spaces: a.status?.namespaces?.length ?? 0,
    limit: typeof space?.limit === 'number' ? space.limit : undefined,
    mandatoryTemplates: (space?.templateInstances ?? []).map((t) => ({ name: t.metadata?.name ?? t.spec.template, template: t.spec.template })),
    clusterRole: space?.clusterRole === undefined ? 'admin' : space.clusterRole,
  };
}

/** The accounts the person belongs to, from tenancy.kiosk.sh as that person (the list kubectl get accounts gives). */
export async function listMyAccounts(caller: Caller): Promise<MyAccount[]> {
  const list = await tenancyAccounts.list({ as: caller.as });
  return list.items.map(toMyAccount).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The accounts a page offers, or why not: a person RBAC does not let list them (no kiosk-view) is told so by the
 * page instead of meeting an error page.
 */
export async function readMyAccounts(caller: Caller): Promise<{ ok: true; accounts: MyAccount[] } | { ok: false; forbidden: boolean; message: string }> {
  try {
    return { ok: true, accounts: await listMyAccounts(caller) };
  } catch (err) {
    if (err instanceof KubeApiError) return { ok: false, forbidden: err.code === 403, message: describeKubeError(err) };
    throw err;
  }
}

/** One account, or undefined when the person may not see it (tenancy.kiosk.sh answers 404 for both). */
export async function getMyAccount(caller: Caller, name: string): Promise<MyAccount | undefined> {
  const a = await tenancyAccounts.get(name, undefined, caller.as);
  return a ? toMyAccount(a) : undefined;
}

export interface TemplateChoice {
  name: string;
  parameters: { name: string; value?: string; required: boolean; validation?: string }[];
  /** What the template creates, e.g. ["LimitRange/container-limit-range"], or "Helm chart x". */
  creates: string[];
}

/**
 * Templates the person may instantiate. Templates are cluster-scoped admin configuration, which most tenants may
 * not list: that is an answer ("not allowed"), not a failure of the page.
 */
export async function listTemplateChoices(caller: Caller): Promise<{ allowed: true; templates: TemplateChoice[] } | { allowed: false; message: string }> {
  try {
    const list = await templates.list({ as: caller.as });
    return {
      allowed: true,
      templates: list.items
        .map((t) => ({
          name: t.metadata.name ?? '',
          parameters: (t.parameters ?? []).map((p) => ({ name: p.name, value: p.value, required: !!p.required, validation: p.validation })),
          creates: describeTemplate(t),
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  } catch (err) {
    if (err instanceof KubeApiError && err.code === 403) return { allowed: false, message: err.status?.message ?? 'Forbidden' };
    throw err;
  }
}

function describeTemplate(t: TemplateObject): string[] {
  const out = (t.resources?.manifests ?? []).map((m) => {
    const o = m as { kind?: string; metadata?: { name?: string } };
    return `${o.kind ?? 'Object'}/${o.metadata?.name ?? '?'}`;
  });
  const chart = (t.resources?.helm as { chart?: { repository?: { name?: string } } } | undefined)?.chart?.repository?.name;
  if (chart) out.push(`Helm chart ${chart}`);
  return out;
}
