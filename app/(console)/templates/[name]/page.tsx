import { Layers } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ReadFailure } from '@/components/shell/read-failure';
import { DeleteTemplateButton } from '@/components/templates/delete-template-button';
import { InstanceSyncSwitch } from '@/components/templates/instance-sync-switch';
import { TemplateWorkspace } from '@/components/templates/template-workspace';
import { Alert } from '@/components/ui/alert';
import { StatusPill } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { requireCaller } from '@/server/auth/session';
import { getTemplate } from '@/server/queries/templates';

type Params = Promise<{ name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `${(await params).name} · Templates · Atrium` };
}

const TONE = { Deployed: 'success', Failed: 'danger', Pending: 'info' } as const;

export default async function TemplatePage({ params }: { params: Params }) {
  const { name } = await params;
  const caller = await requireCaller(`/templates/${encodeURIComponent(name)}`);
  if (!/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(name)) notFound();
  const t = await getTemplate(caller, name);
  if (!t.ok) {
    if ('notFound' in t) notFound();
    return <ReadFailure title={name} breadcrumb={{ href: '/templates', label: 'Templates' }} failure={t} notAllowed="You may not see this template" failed="The template could not be read" username={caller.person.username} />;
  }
  const mandatoryIn = t.mandatory.ok ? [...new Set(t.mandatory.value.map((m) => m.account))] : [];
  return (
    <>
      <PageHeader
        title={name}
        breadcrumb={{ href: '/templates', label: 'Templates' }}
        description={t.hasHelm ? 'Deploys a Helm chart (rendered by the controller with helm template).' : 'Deploys the manifests below into each space that instantiates it.'}
        actions={<DeleteTemplateButton name={name} instances={t.instances.ok ? t.instances.value.length : 0} mandatoryIn={mandatoryIn} />}
      />
      <div className="grid gap-6">
        <TemplateWorkspace
          mode="edit"
          name={name}
          initialYaml={t.yaml}
          resourceVersion={t.resourceVersion}
          accounts={t.accounts}
          mandatory={t.mandatory.ok ? t.mandatory.value : []}
        />

        <Card aria-labelledby="mandatory-title">
          <CardHeader id="mandatory-title" title="Mandatory in accounts" description="Every new space of these accounts gets an instance of this template before it can be used." />
          {!t.mandatory.ok ? (
            <CardBody>
              <Alert tone="warning">{t.mandatory.message}</Alert>
            </CardBody>
          ) : t.mandatory.value.length === 0 ? (
            <CardBody>
              <p className="text-sm text-muted-fg">No account makes it mandatory; spaces get it only when someone instantiates it.</p>
            </CardBody>
          ) : (
            <Table data-testid="mandatory-table">
              <THead>
                <tr>
                  <TH>Account</TH>
                  <TH>Parameters</TH>
                  <TH>Sync</TH>
                </tr>
              </THead>
              <TBody>
                {t.mandatory.value.map((m) => (
                  <TR key={m.account}>
                    <TD className="font-mono">
                      <Link href={`/accounts/${encodeURIComponent(m.account)}`} className="text-foreground hover:text-primary-text hover:underline">
                        {m.account}
                      </Link>
                    </TD>
                    <TD className="font-mono text-[0.8125rem]">{m.parameters.length ? m.parameters.map((p) => `${p.name}=${p.value}`).join(', ') : <span className="text-muted-fg">defaults</span>}</TD>
                    <TD className="text-[0.8125rem]">{m.sync ? 'on' : 'off'}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </Card>

        <Card aria-labelledby="instances-title">
          <CardHeader id="instances-title" title="Instances" description="TemplateInstances of this template in every space, with their status. Sync re-applies the template when it changes." />
          {!t.instances.ok ? (
            <CardBody>
              <Alert tone="warning">{t.instances.message}</Alert>
            </CardBody>
          ) : t.instances.value.length === 0 ? (
            <EmptyState icon={Layers} title="No instances">
              No space has instantiated this template yet.
            </EmptyState>
          ) : (
            <Table data-testid="instances-table">
              <THead>
                <tr>
                  <TH>Space</TH>
                  <TH>Instance</TH>
                  <TH>Status</TH>
                  <TH>Sync</TH>
                </tr>
              </THead>
              <TBody>
                {t.instances.value.map((i) => (
                  <TR key={`${i.namespace}/${i.name}`}>
                    <TD className="font-mono">
                      <Link href={`/spaces/${encodeURIComponent(i.namespace)}`} className="text-foreground hover:text-primary-text hover:underline">
                        {i.namespace}
                      </Link>
                    </TD>
                    <TD className="font-mono text-[0.8125rem]">{i.name}</TD>
                    <TD>
                      <div className="grid gap-1">
                        <span>
                          <StatusPill tone={TONE[i.status]}>{i.status}</StatusPill>
                          {i.outdated && <span className="ml-2 text-xs text-warning-soft-fg">older version</span>}
                        </span>
                        {i.status === 'Failed' && (
                          <span className="max-w-md text-xs text-muted-fg">
                            {i.reason}: {i.message}
                          </span>
                        )}
                      </div>
                    </TD>
                    <TD>
                      <InstanceSyncSwitch namespace={i.namespace} name={i.name} sync={i.sync} />
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
