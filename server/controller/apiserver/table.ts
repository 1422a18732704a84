import type { KubeObject } from '@/server/kube';
import type { Output } from './negotiate';

/** One column of a meta.k8s.io Table. */
export interface TableColumn {
  name: string;
  type: string;
  format?: string;
  description: string;
  priority?: number;
}

/** How a kind prints: Kiosk's columns. */
export interface TableLayout<T> {
  columns: TableColumn[];
  cells(obj: T): unknown[];
}

const NAME: TableColumn = { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names' };
const CREATED_AT: TableColumn = { name: 'Created At', type: 'date', description: 'CreationTimestamp is a timestamp representing the server time when this object was created.' };
// Kiosk printed the timestamp as RFC 3339 in UTC (Go's time.RFC3339: no fractional seconds).
const rfc3339 = (t: string | undefined) => (t ? new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z') : '');

/** `kubectl get spaces`: NAME OWNER CREATED AT. */
export const spaceTable: TableLayout<KubeObject & { spec?: { account?: string } }> = {
  columns: [NAME, { name: 'Owner', type: 'string', description: 'The account that owns this space' }, CREATED_AT],
  cells: (s) => [s.metadata.name ?? '', s.spec?.account ?? '', rfc3339(s.metadata.creationTimestamp)],
};

/** `kubectl get accounts`: NAME SPACES CREATED AT. */
export const accountTable: TableLayout<KubeObject & { status?: { namespaces?: unknown[] } }> = {
  columns: [NAME, { name: 'Spaces', type: 'integer', description: 'The number of spaces this account owns' }, CREATED_AT],
  cells: (a) => [a.metadata.name ?? '', a.status?.namespaces?.length ?? 0, rfc3339(a.metadata.creationTimestamp)],
};

/** metav1.PartialObjectMetadata of an object. */
export function partialObjectMetadata(obj: KubeObject, version: 'v1' | 'v1beta1' = 'v1'): KubeObject {
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: obj.metadata };
}

/**
 * A meta.k8s.io Table of objects, as upstream's asTable builds it: rows carry
 * PartialObjectMetadata unless `includeObject` asks for the Object or None;
 * `noHeaders` leaves out the column definitions (watch events after the first).
 */
export function toTable<T extends KubeObject>(
  layout: TableLayout<T>,
  items: readonly T[],
  opts: { version: 'v1' | 'v1beta1'; includeObject?: string | null; listMeta?: { resourceVersion?: string; continue?: string }; noHeaders?: boolean },
): Record<string, unknown> {
  const include = opts.includeObject || 'Metadata';
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${opts.version}`,
    metadata: { ...(opts.listMeta?.resourceVersion ? { resourceVersion: opts.listMeta.resourceVersion } : {}), ...(opts.listMeta?.continue ? { continue: opts.listMeta.continue } : {}) },
    columnDefinitions: opts.noHeaders ? [] : layout.columns,
    rows: items.map((o) => ({
      cells: layout.cells(o),
      object: include === 'Object' ? o : include === 'None' ? null : partialObjectMetadata(o, opts.version),
    })),
  };
}

/** The body for a list in the negotiated form. */
export function listBody<T extends KubeObject>(
  output: Output,
  layout: TableLayout<T>,
  list: { apiVersion: string; kind: string; items: T[]; metadata: { resourceVersion?: string; continue?: string } },
  includeObject: string | null,
): unknown {
  if (output.kind === 'table') return toTable(layout, list.items, { version: output.version, includeObject, listMeta: list.metadata });
  if (output.kind === 'partial') {
    return { kind: 'PartialObjectMetadataList', apiVersion: `meta.k8s.io/${output.version}`, metadata: list.metadata, items: list.items.map((o) => partialObjectMetadata(o, output.version)) };
  }
  return list;
}

/** The body for one object in the negotiated form. */
export function objectBody<T extends KubeObject>(output: Output, layout: TableLayout<T>, obj: T, includeObject: string | null): unknown {
  if (output.kind === 'table') return toTable(layout, [obj], { version: output.version, includeObject, listMeta: { resourceVersion: obj.metadata.resourceVersion } });
  if (output.kind === 'partial') return partialObjectMetadata(obj, output.version);
  return obj;
}
