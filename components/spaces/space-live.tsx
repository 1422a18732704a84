'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { Alert } from '@/components/ui/alert';
import { formatAge } from '@/components/ui/format-age';
import { PageHeader } from '@/components/ui/page-header';
import type { SpaceDetail } from '@/server/queries/spaces';
import { DeleteSpaceButton } from './delete-space-button';
import { FetchError, fetchJson } from './fetch-json';
import { SpaceDetailView } from './space-detail-view';
import { SpacePhase } from './space-phase';

export const spaceKey = (name: string) => ['space', name] as const;

/**
 * The space page, kept live by polling its route handler (read as the person each time): every few seconds, and
 * every second while the space is terminating. Once it is gone the person is taken back to their spaces.
 */
export function SpaceLive({ initial }: { initial: SpaceDetail }) {
  const router = useRouter();
  const key = spaceKey(initial.name);
  const { data, error } = useQuery({
    queryKey: key,
    queryFn: () => fetchJson<SpaceDetail>(`/api/spaces/${encodeURIComponent(initial.name)}`),
    initialData: initial,
    refetchInterval: (q) => (q.state.error instanceof FetchError && q.state.error.status === 404 ? false : q.state.data?.phase === 'Terminating' ? 1000 : 4000),
    staleTime: 0,
    retry: (n, err) => !(err instanceof FetchError && err.status === 404) && n < 2,
  });
  const gone = error instanceof FetchError && error.status === 404;
  useEffect(() => {
    if (gone) router.replace(`/spaces?deleted=${encodeURIComponent(initial.name)}`);
  }, [gone, initial.name, router]);
  const space = data;
  // Ages are counted from when the data was read, so server and browser render the same text.
  const now = space.readAt;
  const terminating = space.phase === 'Terminating';
  return (
    <>
      <PageHeader
        breadcrumb={{ href: '/spaces', label: 'Spaces' }}
        title={<span className="font-mono">{space.name}</span>}
        description={
          <span className="inline-flex flex-wrap items-center gap-x-2 gap-y-1">
            <SpacePhase phase={space.phase} initializing={space.initializing} />
            <span>{space.account ? <>in account <span className="font-mono">{space.account}</span></> : 'not owned by an account'}</span>
            <span aria-hidden>·</span>
            <span>created {formatAge(space.createdAt, now)} ago</span>
          </span>
        }
        actions={!terminating && <DeleteSpaceButton name={space.name} account={space.account} allowed={space.canDelete} queryKey={key} />}
      />
      {terminating && (
        <Alert tone="warning" className="mb-6" title="This space is being deleted" data-testid="terminating">
          Kubernetes is removing everything in it. You will be taken back to your spaces when it is gone.
        </Alert>
      )}
      {error && !gone && (
        <Alert tone="warning" className="mb-6" title="Live updates paused">
          {error.message} Showing what was last read; retrying.
        </Alert>
      )}
      <SpaceDetailView space={space} now={now} />
    </>
  );
}
