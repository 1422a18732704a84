import { cookies } from 'next/headers';
import type { ReactNode } from 'react';
import { SkipLink } from '@/components/shell/skip-link';
import { TopBar } from '@/components/shell/top-bar';
import { THEME_COOKIE, themeClass } from '@/components/ui/theme';
import { signOutAction } from '@/server/auth/actions';
import { requireCaller } from '@/server/auth/session';
import { consolePermissions } from '@/server/queries/console-permissions';

/** Every console page: signed in, with the top bar. Each page checks the session again for its own data. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const caller = await requireCaller();
  const { person } = caller;
  // Only a hint for the nav: the Accounts page itself asks the cluster as the person. Shared with the page's own
  // buttons through one SelfSubjectRulesReview per request.
  const { listAccounts: canListAccounts, listTemplates: canListTemplates, listNamespaces, readHealth } = await consolePermissions(caller);
  const theme = themeClass((await cookies()).get(THEME_COOKIE)?.value) ?? 'system';
  return (
    <>
      <SkipLink />
      <TopBar
        nav={[{ href: '/spaces', label: 'Spaces' }, ...(canListAccounts ? [{ href: '/accounts', label: 'Accounts' }] : []), ...(canListTemplates ? [{ href: '/templates', label: 'Templates' }] : []), ...(listNamespaces ? [{ href: '/all-spaces', label: 'All spaces' }] : []), ...(readHealth ? [{ href: '/health', label: 'Health' }] : []), { href: '/audit', label: 'Audit' }]}
        identity={{ username: person.username, name: person.name, groups: person.groups, via: person.via, signOutAction }}
        theme={theme}
      />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl px-4 py-8 outline-none sm:px-6">
        {children}
      </main>
    </>
  );
}
