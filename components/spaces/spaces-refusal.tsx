import { Alert } from '@/components/ui/alert';

/**
 * Where a tenant's own spaces or accounts could not be read: the cluster's words and, for a refusal, the
 * ClusterRole that lets a person use spaces at all (the tenant pages' counterpart of the admin pages' NotAllowed).
 */
export function SpacesRefusal({ failure, what, verb = 'list', username }: { failure: { forbidden: boolean; message: string }; what: 'spaces' | 'accounts'; verb?: 'list' | 'see'; username: string }) {
  return (
    <Alert tone={failure.forbidden ? 'warning' : 'danger'} title={failure.forbidden ? `You may not ${verb} ${what}` : `The ${what} could not be ${verb === 'list' ? 'listed' : 'read'}`}>
      <p>{failure.message}</p>
      {failure.forbidden && (
        <p className="mt-1">
          Your Kubernetes user <code>{username}</code> needs the <code>kiosk-view</code> or <code>kiosk-edit</code> ClusterRole. Ask a cluster admin to
          bind it.
        </p>
      )}
    </Alert>
  );
}
