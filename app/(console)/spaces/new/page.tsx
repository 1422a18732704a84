import { UsersRound } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { CreateSpaceForm } from '@/components/spaces/create-space-form';
import { SpacesRefusal } from '@/components/spaces/spaces-refusal';
import { Alert } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireCaller } from '@/server/auth/session';
import { listTemplateChoices, readMyAccounts } from '@/server/queries/accounts';

export const metadata: Metadata = { title: 'New space · Atrium' };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function NewSpacePage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const initialAccount = typeof sp.account === 'string' ? sp.account : undefined;
  const caller = await requireCaller(initialAccount ? `/spaces/new?account=${encodeURIComponent(initialAccount)}` : '/spaces/new');
  const [mine, templates] = await Promise.all([readMyAccounts(caller), listTemplateChoices(caller)]);
  const header = (
    <PageHeader
      title="New space"
      description="A namespace of your own, in one of your accounts."
      breadcrumb={{ href: '/spaces', label: 'Spaces' }}
    />
  );
  if (!mine.ok) {
    return (
      <>
        {header}
        <SpacesRefusal failure={mine} what="accounts" username={caller.person.username} />
      </>
    );
  }
  const { accounts } = mine;
  if (accounts.length === 0) {
    return (
      <>
        {header}
        <Card>
          <EmptyState icon={UsersRound} title="You belong to no account yet" action={<Link href="/spaces" className={buttonClass('secondary')}>Back to spaces</Link>}>
            Every space belongs to an account. Ask a cluster admin to add your Kubernetes user <code className="font-mono text-foreground">{caller.person.username}</code> to one.
          </EmptyState>
        </Card>
      </>
    );
  }
  return (
    <div className="max-w-3xl">
      {header}
      {initialAccount && !accounts.some((a) => a.name === initialAccount) && (
        <Alert tone="warning" className="mb-6" title={`You are not a member of account ${initialAccount}`}>
          Choose one of your accounts below.
        </Alert>
      )}
      <CreateSpaceForm accounts={accounts} templates={templates} initialAccount={initialAccount} />
    </div>
  );
}
