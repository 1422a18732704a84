import { collectDefaultMetrics, Registry } from 'prom-client';
import { kubeClientRegistry } from '@/server/kube';

const processRegistry = new Registry();
collectDefaultMetrics({ register: processRegistry, prefix: 'atrium_console_' });

export const dynamic = 'force-dynamic';

/** Prometheus metrics of the console process: its own runtime, and every Kubernetes call made for people. */
export async function GET() {
  const merged = Registry.merge([processRegistry, kubeClientRegistry]);
  return new Response(await merged.metrics(), { headers: { 'Content-Type': merged.contentType } });
}
