import 'server-only';
import type { Caller } from '@/server/auth/session';
import { renderTemplateObjects } from '@/server/controller/templates/render-template-objects';
import { parseYamlDocuments, toYamlDocument } from '@/server/controller/templates/parse-yaml-documents';
import { KubeApiError, R, UnknownKindError, describeKubeError, dryRunApply, resourceClient, type AccountObject, type KubeObject, type TemplateInstanceObject, type TemplateObject } from '@/server/kube';
import { renderTemplate, spaceLabels, type JsonValue, type TemplateContext } from '@/server/tenancy';

const configAccounts = resourceClient<AccountObject>(R.accounts);

export interface PreviewInput {
  template: TemplateObject;
  account: string;
  space: string;
  parameters: { name: string; value: string }[];
  /** Also ask the API server, as the person, whether it would take each object (a dry run into the space). */
  check?: boolean;
}

/** What the API server said of one rendered object in a dry run. */
export interface ObjectCheck {
  label: string;
  accepted: boolean;
  message?: string;
}

/** The dry run's answers, or why there are none (the space does not exist yet). */
export type ClusterCheck = { checks: ObjectCheck[] } | { skipped: string };

export type PreviewResult =
  | { ok: true; objects: { label: string; yaml: string }[]; helm?: { note: string; values?: string }; cluster?: ClusterCheck }
  | { ok: false; message: string; reason?: string };

/**
 * What a TemplateInstance of this Template would deploy into a space of the given name in the given account:
 * the controller's own renderer (renderTemplateObjects, with its parameter checks and object checks), with the
 * namespace's labels computed as space creation does. The account is read as the person, so a tenant cannot
 * preview against an account they may not read. A Helm chart is not fetched from the console (it would reach
 * out to chart repositories with the console's network and read repository Secrets): its values are shown
 * substituted, and the page says that the chart's own objects appear only when the controller deploys it.
 */
export async function previewTemplate(caller: Caller, input: PreviewInput): Promise<PreviewResult> {
  let account: AccountObject | undefined;
  try {
    account = await configAccounts.get(input.account, undefined, caller.as);
  } catch (err) {
    if (err instanceof KubeApiError) return { ok: false, message: describeKubeError(err) };
    throw err;
  }
  if (!account) return { ok: false, message: `accounts.config.kiosk.sh "${input.account}" not found`, reason: 'AccountNotFound' };

  const meta = spaceLabels(input.account, account.spec?.space?.spaceTemplate);
  const context: TemplateContext = {
    namespace: { name: input.space, labels: meta.ok ? meta.labels : { 'kiosk.sh/account': input.account }, annotations: meta.ok ? meta.annotations : {} },
    account: { name: input.account, labels: account.metadata.labels, annotations: account.metadata.annotations },
  };
  const instance: TemplateInstanceObject = {
    apiVersion: 'config.kiosk.sh/v1alpha1',
    kind: 'TemplateInstance',
    metadata: { name: input.template.metadata.name, namespace: input.space },
    spec: { template: input.template.metadata.name ?? '', parameters: input.parameters },
  };
  const helm = input.template.resources?.helm as { values?: string } | undefined;
  const withoutHelm: TemplateObject = { ...input.template, resources: { ...input.template.resources, helm: undefined } };
  const rendered = await renderTemplateObjects(withoutHelm, instance, context, async () => []);
  if (!rendered.ok) return { ok: false, message: rendered.failure.message, reason: rendered.failure.reason };
  const objects = rendered.objects.map((o) => ({ label: o.label, yaml: toYamlDocument(o.object) }));
  const cluster = input.check ? await checkWithApiServer(caller, input.space, rendered.objects.map((o) => ({ label: o.label, object: o.object as unknown as KubeObject }))) : undefined;
  if (!helm) return { ok: true, objects, cluster };

  let values: string | undefined;
  if (helm.values?.trim()) {
    let parsed: JsonValue | undefined;
    try {
      parsed = parseYamlDocuments(helm.values)[0];
    } catch (err) {
      return { ok: false, message: `resources.helm.values is not valid YAML: ${(err as Error).message}`, reason: 'ErrorHelm' };
    }
    if (parsed !== undefined) {
      const substituted = renderTemplate([parsed], input.template.parameters ?? [], input.parameters, context);
      if (!substituted.ok) return { ok: false, message: substituted.error.replace(/^manifests\[0\]/, 'resources.helm.values'), reason: 'ErrorReplaceParameters' };
      values = toYamlDocument(substituted.objects[0]!);
    }
  }
  return {
    ok: true,
    objects,
    cluster,
    helm: {
      note: 'This Template also deploys a Helm chart. The console does not download charts, so its objects are not previewed here: the controller renders the chart with helm template when it deploys the TemplateInstance. The values it will pass are shown below, with parameters substituted.',
      values,
    },
  };
}

function missingNamespace(err: unknown, space: string): boolean {
  if (!(err instanceof KubeApiError) || err.code !== 404) return false;
  const details = err.status?.details as { kind?: string; name?: string } | undefined;
  return details?.kind === 'namespaces' && details.name === space;
}

/**
 * Each rendered object through the API server's dry run, as the person: its schema, defaults and admission webhooks
 * (the AccountQuota among them) answer, and nothing is stored. The controller applies templates with its own
 * permissions, so a refusal of the person's own rights is reported as theirs. The space must exist: a dry run into a
 * namespace that does not is refused for that alone, which would tell nothing about the objects.
 */
async function checkWithApiServer(caller: Caller, space: string, objects: { label: string; object: KubeObject }[]): Promise<ClusterCheck> {
  const answers = await Promise.all(objects.map(async ({ label, object }): Promise<ObjectCheck | 'no-space'> => {
    try {
      await dryRunApply(object, space, caller.as);
      return { label, accepted: true };
    } catch (err) {
      if (missingNamespace(err, space)) return 'no-space';
      if (err instanceof UnknownKindError) return { label, accepted: false, message: err.message };
      if (err instanceof KubeApiError) {
        const yours = err.code === 403 ? ' (your own permissions; the controller applies templates with its own)' : '';
        return { label, accepted: false, message: describeKubeError(err) + yours };
      }
      throw err;
    }
  }));
  if (answers.includes('no-space')) {
    return { skipped: `Space ${space} does not exist, so the API server could not check the objects: a dry run needs an existing space. Enter one of the account's spaces to check them.` };
  }
  return { checks: answers as ObjectCheck[] };
}
