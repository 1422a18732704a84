import { describeKubeError, type KubeApiError } from '@/server/kube';

export type AdminFailure = { ok: false; message: string; fieldErrors?: Record<string, string[]>; hint?: string };

export interface AdminErrorContext {
  /** e.g. accounts.config.kiosk.sh */
  resource: string;
  name: string;
  verb: 'create' | 'update' | 'delete';
  username: string;
  /** Maps an API field path (spec.space.limit, spec.subjects[1].name) to the form's field key, or undefined. */
  fieldOf: (path: string) => string | undefined;
}

const WEBHOOK = /admission webhook "([^"]+)" denied the request: (.*)$/s;

/**
 * A refusal of an admin write, in the cluster's words (what kubectl would print), with what to do next. Field
 * paths the cluster names (schema validation causes, webhook messages starting with a path) are put next to the
 * form field they belong to as well.
 */
export function explainAdminError(err: KubeApiError, c: AdminErrorContext): AdminFailure {
  const message = describeKubeError(err);
  const fieldErrors: Record<string, string[]> = {};
  const put = (path: string, text: string) => {
    const key = c.fieldOf(path);
    if (key) (fieldErrors[key] ??= []).push(text);
  };
  const causes = (err.status?.details as { causes?: { field?: string; message?: string }[] } | undefined)?.causes ?? [];
  for (const cause of causes) if (cause.field && cause.message) put(cause.field, cause.message);
  const webhook = WEBHOOK.exec(message);
  if (webhook) {
    for (const part of webhook[2]!.split('; ')) {
      const path = /^([a-zA-Z][\w.[\]]*): /.exec(part)?.[1];
      if (path) put(path, part.slice(path.length + 2));
    }
    return {
      ok: false, message, ...withFields(fieldErrors),
      hint: `The cluster's admission webhook (${webhook[1]}) refused this ${c.verb}. Nothing was changed: correct what it names and save again.`,
    };
  }
  if (err.code === 403) {
    return {
      ok: false, message,
      hint: `Your Kubernetes user ${c.username} may not ${c.verb} ${c.resource}. Nothing was changed. A cluster admin can do it, or bind you a ClusterRole that allows it.`,
    };
  }
  if (err.code === 409 && err.status?.reason === 'AlreadyExists') {
    return { ok: false, message, fieldErrors: { name: [`The name ${c.name} is taken. Choose another.`] } };
  }
  if (err.code === 422 || err.code === 400) return { ok: false, message, ...withFields(fieldErrors), hint: 'The cluster found the values invalid. Nothing was changed: correct them and save again.' };
  if (err.code === 404) return { ok: false, message, hint: `${c.name} no longer exists: someone deleted it. Go back to the list.` };
  return { ok: false, message, hint: err.code >= 500 ? 'Try again in a moment; if it keeps failing, tell your cluster admin.' : undefined };
}

const withFields = (f: Record<string, string[]>) => (Object.keys(f).length ? { fieldErrors: f } : {});

/** The account form's field for an API path of an Account. */
export function accountFieldOf(path: string): string | undefined {
  const p = path.replace(/^\.?/, '');
  const subject = /^spec\.subjects\[(\d+)\]/.exec(p);
  if (subject) return `subjects.${subject[1]}`;
  const template = /^spec\.space\.templateInstances\[(\d+)\]/.exec(p);
  if (template) return `templates.${template[1]}`;
  if (p.startsWith('spec.space.limit')) return 'limit';
  if (p.startsWith('spec.space.clusterRole')) return 'clusterRole';
  if (p.startsWith('spec.space.spaceTemplate.metadata.labels')) return 'labels';
  if (p.startsWith('spec.space.spaceTemplate.metadata.annotations')) return 'annotations';
  if (p.startsWith('metadata.name')) return 'name';
  return undefined;
}

/** The quota form's field for an API path of an AccountQuota (`spec.quota.hard[requests.cpu]` → the row). */
export function quotaFieldOf(resources: readonly string[]) {
  return (path: string): string | undefined => {
    const p = path.replace(/^\.?/, '');
    const hard = /^spec\.quota\.hard\[?\.?([^\]]+)\]?/.exec(p);
    if (hard) {
      const i = resources.indexOf(hard[1]!);
      return i >= 0 ? `hard.${i}.amount` : 'hard';
    }
    if (p.startsWith('spec.quota.scopes')) return 'scopes';
    if (p.startsWith('metadata.name')) return 'name';
    return undefined;
  };
}
