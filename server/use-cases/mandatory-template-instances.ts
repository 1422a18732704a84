import { templateInstances, type AccountObject, type TemplateInstanceObject } from '@/server/kube';

/** The TemplateInstances every space of the account must have (Account spec.space.templateInstances). */
export function mandatoryTemplateInstances(account: AccountObject, namespace: string): TemplateInstanceObject[] {
  return (account.spec?.space?.templateInstances ?? []).map((ti) => ({
    apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'TemplateInstance',
    metadata: { name: ti.metadata?.name ?? ti.spec.template, namespace, labels: ti.metadata?.labels, annotations: ti.metadata?.annotations },
    spec: ti.spec,
  }));
}

/** Creates instances; one that already exists is left as it is. */
export async function createTemplateInstances(objs: TemplateInstanceObject[]): Promise<void> {
  await Promise.all(objs.map((obj) => templateInstances.create(obj).catch((e) => {
    if (e?.code !== 409) throw e;
  })));
}
