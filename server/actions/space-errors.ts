import { describeKubeError, type KubeApiError } from '@/server/kube';

type Failure = { ok: false; message: string; fieldErrors?: Record<string, string[]>; hint?: string };

export interface SpaceErrorContext {
  space: string;
  account?: string;
  template?: string;
  username: string;
  verb: 'create' | 'delete' | 'instantiate';
}

/**
 * A refusal from the cluster, kept in the cluster's words (the message people also see in kubectl), with what
 * to do next: which account, and who can change it.
 */
export function explainSpaceError(err: KubeApiError, c: SpaceErrorContext): Failure {
  const message = describeKubeError(err);
  const reason = err.status?.reason;
  if (err.code === 403 && /space limit of \d+ reached/.test(message)) {
    return { ok: false, message, hint: `Account ${c.account} already has as many spaces as it may. Delete one of its spaces, or ask a cluster admin to raise the account's space limit (spec.space.limit).` };
  }
  if (err.code === 403 && c.verb === 'create') {
    return { ok: false, message, hint: `Your Kubernetes user ${c.username} may not create spaces in account ${c.account}. Ask a cluster admin to add you to that account, or to bind you the kiosk-edit ClusterRole.` };
  }
  if (err.code === 403 && c.verb === 'delete') {
    return { ok: false, message, hint: `Your role in space ${c.space} does not allow deleting it. The account's admins can delete it, or a cluster admin can give the account the kiosk-space-admin role.` };
  }
  if (err.code === 403 && c.verb === 'instantiate') {
    return { ok: false, message, hint: `Your role in space ${c.space} does not allow creating TemplateInstances. Ask a cluster admin to give the account the kiosk-space-admin role.` };
  }
  if (err.code === 409 && reason === 'AlreadyExists') {
    return c.verb === 'create'
      ? { ok: false, message, fieldErrors: { name: [`The name ${c.space} is taken (perhaps by a namespace you cannot see). Choose another.`] } }
      : { ok: false, message, hint: `Template ${c.template} is already applied in ${c.space}.` };
  }
  if (err.code === 422) return { ok: false, message, ...(c.verb === 'create' ? { fieldErrors: { name: [message] } } : {}) };
  if (err.code === 404) return { ok: false, message, hint: c.verb === 'create' ? `Account ${c.account} does not exist, or you are not a member of it.` : 'It may be gone already, or you may not see it.' };
  if (/TemplateInstance '.*' (failed|did not deploy)/.test(message)) {
    return { ok: false, message, hint: `Nothing was left behind: the space was removed again. A mandatory template of account ${c.account} is broken; tell a cluster admin, who maintains the account's templates.` };
  }
  return { ok: false, message, hint: err.code >= 500 ? 'Try again in a moment; if it keeps failing, tell your cluster admin.' : undefined };
}
