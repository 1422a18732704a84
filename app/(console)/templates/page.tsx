import { FileCode2, Plus } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { ReadFailure } from '@/components/shell/read-failure';
import { Alert } from '@/components/ui/alert';
import { StatusPill } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { formatAge } from '@/components/ui/format-age';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { requireCaller } from '@/server/auth/session';
import { listTemplates, type TemplateRow } from '@/server/queries/templates';

export const metadata: Metadata = { title: 'Templates · Atrium' };

const KIND: Record<TemplateRow['kind'], string> = { manifests: 'Manifests', helm: 'Helm chart', both: 'Manifests + Helm chart', empty: 'Nothing yet' };

export default async function TemplatesPage() {
  const caller = await requireCaller('/templates');
  const data = await listTemplates(caller);
  if (!data.ok) return <ReadFailure title="Templates" failure={data} notAllowed="You may not see the templates" failed="The templates could not be listed" username={caller.person.username} />;
  return (
    <>
      <PageHeader
        title="Templates"
        description="What spaces get: manifests or a Helm chart, deployed by TemplateInstances — on demand, or in every space of the accounts that make them mandatory."
        actions={
          <Link href="/templates/new" className={buttonClass('primary')}>
            <Plus aria-hidden />
            New template
          </Link>
        }
      />
      {(data.instancesError || data.accountsError) && (
        <Alert tone="warning" className="mb-4" title="Some columns are incomplete">
          {[data.instancesError && `Instances: ${data.instancesError}`, data.accountsError && `Accounts: ${data.accountsError}`].filter(Boolean).join(' ')}
        </Alert>
      )}
      <Card>
        {data.rows.length === 0 ? (
          <EmptyState icon={FileCode2} title="No templates yet" action={<Link href="/templates/new" className={buttonClass('secondary')}>Write the first template</Link>}>
            A template holds what every new space should start with: a LimitRange, a NetworkPolicy, a team ConfigMap.
          </EmptyState>
        ) : (
          <Table data-testid="templates-table">
            <THead>
              <tr>
                <TH>Template</TH>
                <TH>Deploys</TH>
                <TH>Parameters</TH>
                <TH>Instances</TH>
                <TH>Mandatory in</TH>
                <TH>Age</TH>
              </tr>
            </THead>
            <TBody>
              {data.rows.map((t) => (
                <TR key={t.name}>
                  <TD className="font-mono whitespace-nowrap">
                    <Link href={`/templates/${encodeURIComponent(t.name)}`} className="font-medium text-foreground hover:text-primary-text hover:underline">
                      {t.name}
                    </Link>
                  </TD>
                  <TD className="text-[0.8125rem]">
                    {KIND[t.kind]}
                    {t.manifests > 0 && <span className="text-muted-fg"> · {t.manifests} {t.manifests === 1 ? 'object' : 'objects'}</span>}
                  </TD>
                  <TD className="tabular-nums">{t.parameters}</TD>
                  <TD>
                    <div className="flex flex-wrap gap-1.5">
                      {t.instances.deployed + t.instances.failed + t.instances.pending === 0 && <span className="text-[0.8125rem] text-muted-fg">none</span>}
                      {t.instances.deployed > 0 && <StatusPill tone="success">{t.instances.deployed} deployed</StatusPill>}
                      {t.instances.failed > 0 && <StatusPill tone="danger">{t.instances.failed} failed</StatusPill>}
                      {t.instances.pending > 0 && <StatusPill tone="info">{t.instances.pending} pending</StatusPill>}
                    </div>
                  </TD>
                  <TD className="text-[0.8125rem]">{t.mandatoryIn.length ? t.mandatoryIn.join(', ') : <span className="text-muted-fg">no account</span>}</TD>
                  <TD className="tabular-nums text-muted-fg">{formatAge(t.createdAt, data.readAt)}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </>
  );
}
