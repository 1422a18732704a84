'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTransition } from 'react';
import { Select } from '@/components/ui/input';

/**
 * Filter by account through ?account= (page reset to 1), so the filter runs on the server and is in the URL.
 * A select rather than chips: a cluster may have hundreds of accounts.
 */
export function AccountSelect({ accounts, current }: { accounts: string[]; current?: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, start] = useTransition();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor="account-filter" className="text-[0.8125rem] text-muted-fg">
        Account
      </label>
      <Select
        id="account-filter"
        className="w-56"
        value={current ?? ''}
        aria-busy={pending || undefined}
        onChange={(e) => {
          const next = new URLSearchParams(params.toString());
          if (e.target.value) next.set('account', e.target.value);
          else next.delete('account');
          next.delete('page');
          const q = next.toString();
          start(() => router.replace(q ? `${pathname}?${q}` : pathname, { scroll: false }));
        }}
      >
        <option value="">All accounts</option>
        {accounts.map((a) => (
          <option key={a} value={a}>
            {a}
          </option>
        ))}
      </Select>
    </div>
  );
}
