import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AccountForm } from '@/components/accounts/account-form';
import { accountFormValues } from '@/components/accounts/account-form-model';
import { NotAllowed } from '@/components/accounts/not-allowed';
import { PageHeader } from '@/components/ui/page-header';
import { requireCaller } from '@/server/auth/session';
import { accountForEdit } from '@/server/queries/account-admin';
import { listTemplateChoices } from '@/server/queries/accounts';

type Params = Promise<{ name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Edit ${(await params).name} · Accounts · Atrium` };
}

export default async function EditAccountPage({ params }: { params: Params }) {
  const { name } = await params;
  const caller = await requireCaller(`/accounts/${encodeURIComponent(name)}/edit`);
  if (!/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(name)) notFound();
  const r = await accountForEdit(caller, name);
  if (!r.ok && r.status === 404) notFound();
  if (!r.ok) return <NotAllowed title="You may not see this account" message={r.message} username={caller.person.username} />;
  if (r.refusal) return <NotAllowed title="You may not change this account" message={r.refusal} username={caller.person.username} />;
  const templates = await listTemplateChoices(caller);
  return (
    <div className="max-w-4xl">
      <PageHeader
        title={
          <>
            Edit <span className="font-mono">{name}</span>
          </>
        }
        description="Changes apply to new spaces; existing spaces keep their role bindings, metadata and templates until the controller reconciles them."
        breadcrumb={{ href: `/accounts/${encodeURIComponent(name)}`, label: name, mono: true }}
      />
      <AccountForm mode="edit" initial={accountFormValues(r.account)} resourceVersion={r.account.metadata.resourceVersion} templates={templates} spaces={r.account.status?.namespaces?.length ?? 0} />
    </div>
  );
}
