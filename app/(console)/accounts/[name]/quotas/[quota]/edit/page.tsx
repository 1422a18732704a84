import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { NotAllowed } from '@/components/accounts/not-allowed';
import { QuotaForm } from '@/components/quotas/quota-form';
import { quotaFormValues } from '@/components/quotas/quota-form-model';
import { PageHeader } from '@/components/ui/page-header';
import { requireCaller } from '@/server/auth/session';
import { quotaForEdit, quotaResourceOptions } from '@/server/queries/account-admin';

type Params = Promise<{ name: string; quota: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const p = await params;
  return { title: `Edit ${p.quota} · ${p.name} · Atrium` };
}

const NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

export default async function EditQuotaPage({ params }: { params: Params }) {
  const { name, quota } = await params;
  const caller = await requireCaller(`/accounts/${encodeURIComponent(name)}/quotas/${encodeURIComponent(quota)}/edit`);
  if (!NAME.test(name) || !NAME.test(quota)) notFound();
  const r = await quotaForEdit(caller, name, quota);
  if (!r.ok && r.status === 404) notFound();
  if (!r.ok) return <NotAllowed title="You may not see this quota" message={r.message} username={caller.person.username} />;
  if (r.refusal) return <NotAllowed title="You may not change this quota" message={r.refusal} username={caller.person.username} />;
  const suggestions = await quotaResourceOptions(caller);
  const used = (r.quota.status as { total?: { used?: Record<string, string> } } | undefined)?.total?.used ?? {};
  return (
    <div className="max-w-4xl">
      <PageHeader
        title={
          <>
            Edit quota <span className="font-mono">{quota}</span>
          </>
        }
        description={
          <>
            Limits for all spaces of <span className="font-mono">{name}</span> together. Lowering a limit below what is used blocks new objects, never removes running ones.
          </>
        }
        breadcrumb={{ href: `/accounts/${encodeURIComponent(name)}`, label: name, mono: true }}
      />
      <QuotaForm
        mode="edit"
        account={name}
        initial={quotaFormValues(r.quota)}
        resourceVersion={r.quota.metadata.resourceVersion}
        suggestions={suggestions}
        used={used}
        hasScopeSelector={!!r.quota.spec.quota?.scopeSelector}
      />
    </div>
  );
}
