import type { TemplateInstanceObject } from '@/server/kube';

/** What the reconciler remembers of one instance between reconciles (in memory: a restart forgets, and re-checks once). */
export interface InstanceMemory {
  uid: string;
  /** metadata.generation: moves when the spec (parameters, sync) changes, not on status writes. */
  generation: number | undefined;
  /** The Template's resourceVersion at the last deploy ('' when it did not exist). */
  templateResourceVersion: string;
  /** Consecutive failed deploys, for the back-off. */
  failures: number;
  /** When a Failed instance may be retried (epoch ms). */
  retryAt?: number;
}

/** The next step for one TemplateInstance. `onlyIfChanged`: render and compare with what was applied first. */
export type InstanceStep = { kind: 'skip' } | { kind: 'wait'; ms: number } | { kind: 'deploy'; onlyIfChanged: boolean };

const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 5 * 60_000;

/** Back-off after the n-th consecutive failure: 5 s doubling up to Kiosk's fixed 5 minutes. */
export const failureBackoffMs = (failures: number) => Math.min(FIRST_RETRY_MS * 2 ** Math.max(failures - 1, 0), MAX_RETRY_MS);

/**
 * Decides whether to deploy, in Kiosk's terms: a pending instance deploys; a Deployed one only with `spec.sync`, when
 * its Template's resourceVersion moved (or, checked by rendering, its parameters changed); a Failed one is retried
 * after a back-off — at once when the Template or the spec changed, since that may be the fix.
 * `templateResourceVersion` is undefined when the Template does not exist.
 */
export function nextInstanceStep(instance: TemplateInstanceObject, templateResourceVersion: string | undefined, memory: InstanceMemory | undefined, now: number): InstanceStep {
  const sameAsRemembered =
    memory !== undefined &&
    memory.uid === instance.metadata.uid &&
    memory.generation === generationOf(instance) &&
    memory.templateResourceVersion === (templateResourceVersion ?? '');
  switch (instance.status?.status) {
    case 'Deployed':
      if (!instance.spec.sync) return { kind: 'skip' };
      if (templateResourceVersion === undefined || templateResourceVersion !== instance.status.templateResourceVersion) return { kind: 'deploy', onlyIfChanged: false };
      return sameAsRemembered ? { kind: 'skip' } : { kind: 'deploy', onlyIfChanged: true };
    case 'Failed':
      if (sameAsRemembered && memory.retryAt !== undefined && memory.retryAt > now) return { kind: 'wait', ms: memory.retryAt - now };
      return { kind: 'deploy', onlyIfChanged: false };
    default:
      return { kind: 'deploy', onlyIfChanged: false };
  }
}

/** metadata.generation, which the KubeObject type leaves untyped. */
export const generationOf = (o: TemplateInstanceObject) => (typeof o.metadata.generation === 'number' ? o.metadata.generation : undefined);
