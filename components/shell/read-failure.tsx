import type { ReactNode } from 'react';
import { NotAllowed } from '@/components/accounts/not-allowed';
import { Alert } from '@/components/ui/alert';
import { PageHeader, type Crumb } from '@/components/ui/page-header';

/**
 * A page whose main read failed. The cluster's refusal is the not-allowed page (its words, no data); anything
 * else is said under the page's own title, so the person still knows where they are.
 */
export function ReadFailure({ title, breadcrumb, failure, notAllowed, failed, username }: {
  title: ReactNode;
  breadcrumb?: Crumb;
  failure: { forbidden?: boolean; message: string };
  /** The not-allowed page's title: "You may not see the accounts". */
  notAllowed: string;
  /** What did not work: "The accounts could not be listed". */
  failed: string;
  username: string;
}) {
  if (failure.forbidden) return <NotAllowed title={notAllowed} message={failure.message} username={username} />;
  return (
    <>
      <PageHeader title={title} breadcrumb={breadcrumb} />
      <Alert tone="danger" title={failed}>
        {failure.message}
      </Alert>
    </>
  );
}
