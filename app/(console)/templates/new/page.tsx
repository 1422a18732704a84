import type { Metadata } from 'next';
import { NotAllowed } from '@/components/accounts/not-allowed';
import { TemplateWorkspace } from '@/components/templates/template-workspace';
import { PageHeader } from '@/components/ui/page-header';
import { requireCaller } from '@/server/auth/session';
import { newTemplateContext } from '@/server/queries/templates';

export const metadata: Metadata = { title: 'New template · Atrium' };

const STARTER = `apiVersion: config.kiosk.sh/v1alpha1
kind: Template
metadata:
  name: space-defaults
parameters:
  - name: TEAM
    required: true
    validation: "^[a-z][a-z0-9-]*$"
resources:
  manifests:
    - apiVersion: v1
      kind: LimitRange
      metadata:
        name: space-limit-range
      spec:
        limits:
          - type: Container
            default: {cpu: 500m, memory: 256Mi}
            defaultRequest: {cpu: 100m, memory: 128Mi}
    - apiVersion: v1
      kind: ConfigMap
      metadata:
        name: team
        labels: {team: "\${TEAM}"}
      data:
        space: \${NAMESPACE}
        account: \${ACCOUNT}
`;

export default async function NewTemplatePage() {
  const caller = await requireCaller('/templates/new');
  // The same read as the list: a tenant gets the cluster's Forbidden here, not an editor.
  const ctx = await newTemplateContext(caller);
  if (!ctx.ok) {
    if (ctx.forbidden) return <NotAllowed title="You may not manage templates" message={ctx.message} username={caller.person.username} />;
    throw new Error(ctx.message);
  }
  return (
    <>
      <PageHeader title="New template" breadcrumb={{ href: '/templates', label: 'Templates' }} description="Write the Template; it is checked as you type and can be previewed before you create it." />
      <TemplateWorkspace mode="new" initialYaml={STARTER} accounts={ctx.accounts} mandatory={[]} />
    </>
  );
}
