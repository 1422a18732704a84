import { isDeepStrictEqual } from 'node:util';
import { AUTHOR_ANNOTATION, formatAuthor } from '@/server/tenancy/template-author';
import type { AdmissionRequest } from './admission-review';

/** One RFC 6902 operation of a mutating webhook's answer. */
export type PatchOperation = { op: 'add' | 'remove' | 'replace'; path: string; value?: unknown };

const pointer = (key: string) => `/metadata/annotations/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;

/**
 * Records who wrote a TemplateInstance's spec, in an annotation nobody can set by hand: on CREATE and on an UPDATE
 * that changes the spec, the requester as the kube-apiserver authenticated them; on any other UPDATE, the value it
 * had (a tenant cannot claim an admin's instance by editing the annotation). The controller renders an instance with
 * its author's rights, so the author of its spec — the parameters — is who must be allowed to create its objects.
 * An instance that had no author yet (made before Atrium recorded them) gets the requester of this update.
 */
export function templateInstanceAuthorPatch(req: AdmissionRequest): PatchOperation[] {
  if (req.kind.group !== 'config.kiosk.sh' || req.kind.kind !== 'TemplateInstance' || req.subResource) return [];
  if (req.operation !== 'CREATE' && req.operation !== 'UPDATE') return [];
  const annotations: Record<string, string> | undefined = req.object?.metadata?.annotations;
  const previous: string | undefined = req.oldObject?.metadata?.annotations?.[AUTHOR_ANNOTATION];
  const keep = req.operation === 'UPDATE' && previous !== undefined && isDeepStrictEqual(req.object?.spec, req.oldObject?.spec);
  const value = keep ? previous : formatAuthor({ username: req.userInfo.username, uid: req.userInfo.uid, groups: req.userInfo.groups ?? [], extra: req.userInfo.extra });
  if (annotations?.[AUTHOR_ANNOTATION] === value) return [];
  if (!annotations) return [{ op: 'add', path: '/metadata/annotations', value: { [AUTHOR_ANNOTATION]: value } }];
  return [{ op: 'add', path: pointer(AUTHOR_ANNOTATION), value }];
}
