import { Plus } from 'lucide-react';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import type { MyAccount } from '@/server/queries/accounts';
import { AccountUsage } from './account-usage';

/** The person's accounts at a glance: how many spaces each has left, and a shortcut to create one there. */
export function AccountSummary({ accounts, canCreate }: { accounts: MyAccount[]; canCreate: boolean }) {
  if (accounts.length === 0) return null;
  return (
    <section aria-labelledby="accounts-title" className="mb-6">
      <h2 id="accounts-title" className="sr-only">
        Your accounts
      </h2>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {accounts.map((a) => {
          const full = a.limit !== undefined && a.spaces >= a.limit;
          return (
            <li key={a.name} className="flex items-center justify-between gap-3 rounded-lg border border-border bg-surface px-4 py-3 shadow-xs" data-testid="account-card" data-account={a.name}>
              <div className="min-w-0">
                <p className="truncate text-sm font-medium">{a.name}</p>
                <AccountUsage spaces={a.spaces} limit={a.limit} className="mt-1" />
              </div>
              {canCreate &&
                (full ? (
                  <span className="text-xs text-muted-fg">Limit reached</span>
                ) : (
                  <Link href={`/spaces/new?account=${encodeURIComponent(a.name)}`} className={buttonClass('ghost', 'sm')} aria-label={`New space in ${a.name}`}>
                    <Plus aria-hidden />
                    Space
                  </Link>
                ))}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
