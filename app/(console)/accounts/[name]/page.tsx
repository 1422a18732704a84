import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { NotAllowed } from '@/components/accounts/not-allowed';
import { AccountUsageLive } from '@/components/quota/account-usage-live';
import { requireCaller } from '@/server/auth/session';
import { selfCan } from '@/server/kube';
import { getAccountUsage } from '@/server/queries/account-usage';

type Params = Promise<{ name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `${(await params).name} · Accounts · Atrium` };
}

export default async function AccountPage({ params }: { params: Params }) {
  const { name } = await params;
  const caller = await requireCaller(`/accounts/${encodeURIComponent(name)}`);
  if (!/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(name)) notFound();
  const [r, [canList]] = await Promise.all([
    getAccountUsage(caller, name),
    selfCan(caller.as, [{ verb: 'list', group: 'config.kiosk.sh', resource: 'accounts' }]),
  ]);
  if (!r.ok && r.status === 404) notFound();
  if (!r.ok) return <NotAllowed title="You may not see this account" message={r.message} username={caller.person.username} />;
  return <AccountUsageLive initial={r.usage} canListAccounts={!!canList} />;
}
