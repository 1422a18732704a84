import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { NotAllowed } from '@/components/accounts/not-allowed';
import { QuotaForm } from '@/components/quotas/quota-form';
import { emptyQuotaForm } from '@/components/quotas/quota-form-model';
import { PageHeader } from '@/components/ui/page-header';
import { requireCaller } from '@/server/auth/session';
import { quotaCreateRefusal, quotaResourceOptions } from '@/server/queries/account-admin';

type Params = Promise<{ name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `New quota · ${(await params).name} · Atrium` };
}

export default async function NewQuotaPage({ params }: { params: Params }) {
  const { name } = await params;
  const caller = await requireCaller(`/accounts/${encodeURIComponent(name)}/quotas/new`);
  if (!/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(name)) notFound();
  const refusal = await quotaCreateRefusal(caller, name);
  if (refusal) return <NotAllowed title="You may not create quotas" message={refusal} username={caller.person.username} />;
  const suggestions = await quotaResourceOptions(caller);
  return (
    <div className="max-w-4xl">
      <PageHeader
        title="New quota"
        description={
          <>
            Limits for all spaces of <span className="font-mono">{name}</span> together; when several quotas limit one resource, the lowest wins.
          </>
        }
        breadcrumb={{ href: `/accounts/${encodeURIComponent(name)}`, label: name, mono: true }}
      />
      <QuotaForm mode="create" account={name} initial={emptyQuotaForm()} suggestions={suggestions} used={{}} />
    </div>
  );
}
