import { describeKubeError, type KubeApiError } from '@/server/kube';

export interface FieldCause {
  /** A path in the object as the API server names it: `resources.manifests[0].kind`. */
  field: string;
  message: string;
}

export type TemplateFailure = { ok: false; message: string; hint?: string; causes?: FieldCause[] };

/**
 * A refusal of a Template change in the cluster's words, with what to do next, and — for an invalid object —
 * the fields the API server named, so the editor can point at their lines.
 */
export function explainTemplateError(err: KubeApiError, c: { name: string; username: string; verb: 'create' | 'update' | 'delete' | 'patch' }): TemplateFailure {
  const message = describeKubeError(err);
  if (err.code === 403) {
    const what = c.verb === 'patch' ? 'change TemplateInstances in that space' : `${c.verb} Templates`;
    return { ok: false, message, hint: `Your Kubernetes user ${c.username} may not ${what}. Templates are cluster-wide and usually only cluster admins may change them; ask one.` };
  }
  if (err.code === 409 && err.status?.reason === 'AlreadyExists') return { ok: false, message, hint: `A Template named ${c.name} exists already: open it, or choose another name.` };
  if (err.code === 404) return { ok: false, message, hint: 'It may have been deleted meanwhile. Go back to the list of templates.' };
  if (err.code === 422) {
    const details = err.status?.details as { causes?: { field?: string; message?: string }[] } | undefined;
    const causes = (details?.causes ?? []).filter((x) => x.field).map((x) => ({ field: x.field!.replace(/^(spec|<nil>)\./, ''), message: x.message ?? message }));
    return { ok: false, message, causes, hint: 'The API server refused the Template as written; the marked lines say why.' };
  }
  return { ok: false, message, hint: err.code >= 500 ? 'Try again in a moment; if it keeps failing, check the cluster\'s health page.' : undefined };
}
