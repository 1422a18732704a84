import type { Caches } from '../caches';
import type { ReconcileResult } from '../runtime/controller';

/** Placeholder: renders and applies a TemplateInstance (in progress). */
export async function reconcileTemplateInstance(_c: Caches, _key: string): Promise<ReconcileResult> {
  return;
}
