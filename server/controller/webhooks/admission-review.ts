import type { ServerResponse } from 'node:http';

export interface AdmissionRequest {
  uid: string;
  kind: { group: string; version: string; kind: string };
  resource: { group: string; version: string; resource: string };
  subResource?: string;
  name?: string;
  namespace?: string;
  operation: 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';
  userInfo: { username: string; groups?: string[]; uid?: string; extra?: Record<string, string[]> };
  object?: any;
  oldObject?: any;
  dryRun?: boolean;
}

/** A rule returns a denial message, or undefined to let the next rule look. */
export type AdmissionRule = (req: AdmissionRequest) => string | undefined | Promise<string | undefined>;

/** Answers a review: a denial, or allowed — with a JSON patch when a mutating webhook changes the object. */
export function sendReview(res: ServerResponse, uid: string, denial: { message: string; code?: number } | undefined, patch?: readonly object[]): void {
  res.setHeader('Content-Type', 'application/json');
  const mutation = patch && patch.length > 0 ? { patchType: 'JSONPatch', patch: Buffer.from(JSON.stringify(patch)).toString('base64') } : {};
  res.end(JSON.stringify({
    apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
    response: denial
      ? { uid, allowed: false, status: { status: 'Failure', code: denial.code ?? 403, reason: denial.code === 500 ? 'InternalError' : 'Forbidden', message: denial.message } }
      : { uid, allowed: true, ...mutation },
  }));
}

/**
 * Runs the rules in order; the first denial wins. A rule that throws denies:
 * admission fails closed rather than letting an unchecked object through.
 */
export async function runRules(rules: AdmissionRule[], req: AdmissionRequest): Promise<{ message: string; code?: number } | undefined> {
  for (const rule of rules) {
    try {
      const denial = await rule(req);
      if (denial) return { message: denial };
    } catch (err) {
      return { message: `Atrium could not check this request (${err instanceof Error ? err.message : String(err)}); retry, and tell your cluster admin if it persists`, code: 500 };
    }
  }
  return undefined;
}
