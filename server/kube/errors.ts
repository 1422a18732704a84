/**
 * The one place that turns Kubernetes API failures into text a person can act on.
 */
export function describeKubeError(err: unknown): string {
  const e = err as { code?: number; body?: unknown; cause?: { code?: string }; message?: string };
  const status = parseStatus(e.body);
  if (status?.message) return status.message;
  const code = e.cause?.code ?? (e as { code?: unknown }).code;
  if (code === 'ECONNREFUSED') return 'The Kubernetes API server refused the connection. Is the cluster running? (npm run cluster:up)';
  if (code === 'ENOTFOUND') return 'The Kubernetes API server address does not resolve. Check the server in ATRIUM_KUBECONFIG.';
  if (e.code === 401) return 'The Kubernetes API server did not accept Atrium\'s credentials. Check ATRIUM_KUBECONFIG or the service account token.';
  return e.message ?? String(err);
}

function parseStatus(body: unknown): { message?: string } | undefined {
  if (!body) return undefined;
  if (typeof body === 'object') return body as { message?: string };
  try {
    return JSON.parse(String(body)) as { message?: string };
  } catch {
    return undefined;
  }
}
