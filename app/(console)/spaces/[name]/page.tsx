import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { SpaceQuotaShare } from '@/components/quota/space-quota-share';
import { SpaceLive } from '@/components/spaces/space-live';
import { SpacesRefusal } from '@/components/spaces/spaces-refusal';
import { PageHeader } from '@/components/ui/page-header';
import { requireCaller } from '@/server/auth/session';
import { getAccountUsage } from '@/server/queries/account-usage';
import { readSpaceDetail } from '@/server/queries/spaces';

type Params = Promise<{ name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `${(await params).name} · Spaces · Atrium` };
}

export default async function SpacePage({ params }: { params: Params }) {
  const { name } = await params;
  const caller = await requireCaller(`/spaces/${encodeURIComponent(name)}`);
  // Names that cannot be a namespace cannot be a space: answer as for any space the person may not see.
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(name)) notFound();
  const read = await readSpaceDetail(caller, name);
  if (!read.ok) {
    return (
      <>
        <PageHeader title={name} breadcrumb={{ href: '/spaces', label: 'Spaces' }} />
        <SpacesRefusal failure={read} what="spaces" verb="see" username={caller.person.username} />
      </>
    );
  }
  const { space } = read;
  if (!space) notFound();
  // The account's quotas as the person may read them; without that right the card is simply not shown.
  const usage = space.account ? await getAccountUsage(caller, space.account) : undefined;
  return (
    <div className="grid gap-6">
      <SpaceLive initial={space} />
      {usage?.ok && usage.usage.quotas.length > 0 && <SpaceQuotaShare space={name} quotas={usage.usage.quotas} />}
    </div>
  );
}
