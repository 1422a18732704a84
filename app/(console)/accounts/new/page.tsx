import type { Metadata } from 'next';
import { AccountForm } from '@/components/accounts/account-form';
import { emptyAccountForm } from '@/components/accounts/account-form-model';
import { NotAllowed } from '@/components/accounts/not-allowed';
import { PageHeader } from '@/components/ui/page-header';
import { requireCaller } from '@/server/auth/session';
import { accountCreateRefusal } from '@/server/queries/account-admin';
import { listTemplateChoices } from '@/server/queries/accounts';

export const metadata: Metadata = { title: 'New account · Atrium' };

export default async function NewAccountPage() {
  const caller = await requireCaller('/accounts/new');
  // The cluster decides, asked with a dry-run create: a tenant sees its refusal and no Templates or other data.
  const refusal = await accountCreateRefusal(caller);
  if (refusal) return <NotAllowed title="You may not create accounts" message={refusal} username={caller.person.username} />;
  const templates = await listTemplateChoices(caller);
  return (
    <div className="max-w-4xl">
      <PageHeader
        title="New account"
        description="A tenant: who belongs, how many spaces they may own, and what every new space gets."
        breadcrumb={{ href: '/accounts', label: 'Accounts' }}
      />
      <AccountForm mode="create" initial={emptyAccountForm()} templates={templates} />
    </div>
  );
}
