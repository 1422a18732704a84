import 'server-only';
import type { Caller } from '@/server/auth/session';
import { KubeApiError, describeKubeError, namespaces, templateInstances, type NamespaceObject, type TemplateInstanceObject } from '@/server/kube';
import { ACCOUNT_LABEL, INITIALIZING_ANNOTATION } from '@/server/tenancy';
import { consolePermissions } from './console-permissions';
import { pageOfSpaces, type SpaceListQuery, type SpaceRow } from './space-list';

export const ALL_SPACES_PAGE_SIZE = 25;

/** Templates of one space in a word: all deployed, some failed, some still pending, or none at all. */
export interface TemplateSummary {
  deployed: number;
  failed: number;
  pending: number;
  /** Reason and message of the first failed instance, to say why without opening the space. */
  firstFailure?: string;
}

export type AllSpacesRow = SpaceRow & { templates: TemplateSummary };

export type AllSpaces =
  | {
      ok: true;
      rows: AllSpacesRow[];
      total: number;
      /** Every space in the cluster, before filters. */
      all: number;
      page: number;
      accounts: string[];
      canDelete: boolean;
      templatesError?: string;
      readAt: number;
    }
  | { ok: false; forbidden: boolean; message: string };

function summarize(list: TemplateInstanceObject[]): Map<string, TemplateSummary> {
  const out = new Map<string, TemplateSummary>();
  for (const ti of list) {
    const ns = ti.metadata.namespace ?? '';
    const s = out.get(ns) ?? { deployed: 0, failed: 0, pending: 0 };
    const status = ti.status?.status;
    if (status === 'Deployed') s.deployed++;
    else if (status === 'Failed') {
      s.failed++;
      s.firstFailure ??= `${ti.metadata.name}: ${ti.status?.reason ?? 'Failed'}${ti.status?.message ? ` — ${ti.status.message}` : ''}`;
    } else s.pending++;
    out.set(ns, s);
  }
  return out;
}

/**
 * Every space of every account, read as the person: namespaces carrying the account label (a cluster-wide list,
 * which RBAC grants cluster admins), every TemplateInstance for the template column, and the permissions hint
 * for the delete button — three requests in parallel. Filtered, searched and paged here, never in the browser.
 */
export async function listAllSpaces(caller: Caller, query: SpaceListQuery): Promise<AllSpaces> {
  const [list, instances, perms] = await Promise.all([
    namespaces.list({ labelSelector: ACCOUNT_LABEL, as: caller.as }).catch((err: unknown) => err),
    templateInstances.list({ as: caller.as }).catch((err: unknown) => err),
    consolePermissions(caller),
  ]);
  if (list instanceof KubeApiError) return { ok: false, forbidden: list.code === 403, message: describeKubeError(list) };
  if (list instanceof Error) throw list;
  if (instances instanceof Error && !(instances instanceof KubeApiError)) throw instances;
  const byNamespace = instances instanceof Error ? new Map<string, TemplateSummary>() : summarize((instances as { items: TemplateInstanceObject[] }).items);
  const rows = (list as { items: NamespaceObject[] }).items.map(
    (ns): AllSpacesRow => ({
      name: ns.metadata.name ?? '',
      account: ns.metadata.labels?.[ACCOUNT_LABEL],
      phase: ns.status?.phase ?? 'Active',
      createdAt: ns.metadata.creationTimestamp,
      initializing: ns.metadata.annotations?.[INITIALIZING_ANNOTATION] === 'true',
      templates: byNamespace.get(ns.metadata.name ?? '') ?? { deployed: 0, failed: 0, pending: 0 },
    }),
  );
  const page = pageOfSpaces(rows, query, ALL_SPACES_PAGE_SIZE) as { rows: AllSpacesRow[]; total: number; page: number };
  return {
    ok: true,
    ...page,
    all: rows.length,
    accounts: [...new Set(rows.map((r) => r.account).filter((a): a is string => !!a))].sort(),
    canDelete: perms.deleteSpaces,
    templatesError: instances instanceof KubeApiError ? describeKubeError(instances) : undefined,
    readAt: Date.now(),
  };
}
