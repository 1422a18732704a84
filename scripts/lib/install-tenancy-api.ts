import { kubeconfig, kubectlBin } from './paths';
import { run } from './proc';

/**
 * APIService priority of tenancy.kiosk.sh, the same as the Helm chart's.
 * kubectl resolves a resource name both groups serve ("accounts") to the group
 * that comes first in discovery: higher groupPriorityMinimum first, the name
 * breaking ties. CRD groups get 1000, so at 1000 config.kiosk.sh would win
 * ("config" < "tenancy"); 10000 puts tenancy.kiosk.sh ahead of every CRD
 * group and still below the built-in groups (all above 15000), so
 * `kubectl get accounts` is the filtered tenancy view, as with Kiosk, and
 * `accounts.config.kiosk.sh` stays reachable by its full name.
 */
export const TENANCY_API_PRIORITY = { groupPriorityMinimum: 10000, versionPriority: 15 };

/**
 * Registers the tenancy.kiosk.sh aggregated API of the host-run dev controller.
 * Endpoints may not point at 127.0.0.1, so the Service is an ExternalName
 * (the kube-apiserver's default service resolver returns
 * https://<externalName>:<APIService port>), and the APIService carries the
 * CA of the controller's serving certificate (SAN tenancy-api.kiosk.svc, the
 * name the aggregator verifies) — TLS is verified, never skipped.
 */
export async function installTenancyApiDev(caBundleBase64: string, port: number): Promise<void> {
  const yaml = `apiVersion: v1
kind: Service
metadata:
  name: tenancy-api
  namespace: kiosk
  labels: {app.kubernetes.io/part-of: atrium}
spec:
  type: ExternalName
  externalName: 127.0.0.1
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata:
  name: v1alpha1.tenancy.kiosk.sh
  labels: {app.kubernetes.io/part-of: atrium}
spec:
  group: tenancy.kiosk.sh
  version: v1alpha1
  groupPriorityMinimum: ${TENANCY_API_PRIORITY.groupPriorityMinimum}
  versionPriority: ${TENANCY_API_PRIORITY.versionPriority}
  service: {namespace: kiosk, name: tenancy-api, port: ${port}}
  caBundle: ${caBundleBase64}
`;
  await run(kubectlBin, ['--kubeconfig', kubeconfig, 'apply', '-f', '-'], { input: yaml });
}
