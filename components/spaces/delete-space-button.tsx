'use client';

import { useQueryClient } from '@tanstack/react-query';
import { DangerConfirmButton } from '@/components/ui/danger-confirm-button';
import { deleteSpaceAction } from '@/server/actions/spaces';
import type { SpaceDetail } from '@/server/queries/spaces';

/** Delete with the name typed as confirmation; the page then shows Terminating until the namespace is gone. */
export function DeleteSpaceButton({ name, account, allowed, queryKey }: { name: string; account?: string; allowed: boolean; queryKey: readonly unknown[] }) {
  const qc = useQueryClient();
  return (
    <DangerConfirmButton
      notAllowed={allowed ? undefined : { title: `Your role in ${name} does not allow deleting it`, explanation: `Your role in this space does not allow deleting it. Ask an admin of ${account ?? 'the cluster'}.` }}
      title={`Delete space ${name}?`}
      description={
        <>
          <p>Everything in the namespace is deleted with it: workloads, volumes, secrets. This cannot be undone.</p>
          {account && <p className="mt-2">It frees one space of account {account}.</p>}
        </>
      }
      confirmText={name}
      actionLabel="Delete space"
      onConfirm={async () => {
        const r = await deleteSpaceAction({ name });
        if (!r.ok) return [r.message, r.hint].filter(Boolean).join(' ');
        // The cluster accepted the delete: show Terminating now; the next poll confirms it (or finds it gone).
        qc.setQueryData(queryKey, (old: SpaceDetail | undefined) => (old ? { ...old, phase: 'Terminating' } : old));
        void qc.invalidateQueries({ queryKey });
        return undefined;
      }}
    />
  );
}
