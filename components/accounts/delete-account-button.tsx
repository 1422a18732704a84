'use client';

import { useRouter } from 'next/navigation';
import { DangerConfirmButton } from '@/components/ui/danger-confirm-button';
import { deleteAccountAction } from '@/server/actions/accounts';

/**
 * Deletes an account after the admin typed its name, having been told what happens to its spaces: kept (the
 * default) or deleted with everything in them. The delete goes through only if the account is still the version
 * this page described.
 */
export function DeleteAccountButton({ name, resourceVersion, spaces, deleteSpaces }: { name: string; resourceVersion: string; spaces: number; deleteSpaces: boolean }) {
  const router = useRouter();
  const count = `${spaces} ${spaces === 1 ? 'space' : 'spaces'}`;
  return (
    <DangerConfirmButton
      title={`Delete account ${name}?`}
      description={
        <div className="grid gap-2" data-testid="delete-account-consequence">
          {spaces === 0 ? (
            <p>The account owns no spaces. Its members lose the right to create spaces in it.</p>
          ) : deleteSpaces ? (
            <p>
              <strong className="text-danger-soft-fg">Its {count} will be deleted too</strong>, with everything in them: the account has{' '}
              <code className="font-mono">deleteSpacesOnAccountDeletion</code> set.
            </p>
          ) : (
            <p>
              <strong className="text-foreground">Its {count} will be kept</strong>, with everything in {spaces === 1 ? 'it' : 'them'}. The account&apos;s
              role bindings and ClusterRoles go, so its members lose the access the account gave them. To delete the spaces as well, edit the account
              first and turn on “Delete the spaces when the account is deleted”.
            </p>
          )}
          <p>Its AccountQuotas are not deleted.</p>
        </div>
      }
      confirmText={name}
      actionLabel="Delete account"
      onConfirm={async () => {
        const r = await deleteAccountAction({ name, resourceVersion });
        if (!r.ok) return [r.message, r.hint].filter(Boolean).join(' ');
        router.push('/accounts');
        router.refresh();
        return undefined;
      }}
    />
  );
}
