import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { NotAllowed } from '@/components/accounts/not-allowed';
import { AccountUsageLive } from '@/components/quota/account-usage-live';
import { requireCaller } from '@/server/auth/session';
import { getAccountUsage } from '@/server/queries/account-usage';
import { consolePermissions } from '@/server/queries/console-permissions';

type Params = Promise<{ name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `${(await params).name} · Accounts · Atrium` };
}

export default async function AccountPage({ params }: { params: Params }) {
  const { name } = await params;
  const caller = await requireCaller(`/accounts/${encodeURIComponent(name)}`);
  if (!/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(name)) notFound();
  // Permissions come from the rules review the layout already made (one per page view): hints for the buttons only.
  const [r, can] = await Promise.all([getAccountUsage(caller, name), consolePermissions(caller)]);
  if (!r.ok && r.status === 404) notFound();
  if (!r.ok) return <NotAllowed title="You may not see this account" message={r.message} username={caller.person.username} />;
  return (
    <AccountUsageLive
      initial={r.usage}
      canListAccounts={can.listAccounts}
      admin={{ edit: can.updateAccounts, delete: can.deleteAccounts, createQuota: can.createAccountQuotas, editQuota: can.updateAccountQuotas }}
    />
  );
}
