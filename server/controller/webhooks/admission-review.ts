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

export function sendReview(res: ServerResponse, uid: string, denial: { message: string; code?: number } | undefined): void {
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify({
    apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
    response: denial
      ? { uid, allowed: false, status: { status: 'Failure', code: denial.code ?? 403, reason: 'Forbidden', message: denial.message } }
      : { uid, allowed: true },
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
