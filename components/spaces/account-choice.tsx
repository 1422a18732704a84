'use client';

import { TriangleAlert } from 'lucide-react';
import { cn } from '@/components/ui/cn';
import type { MyAccount } from '@/server/queries/accounts';
import { AccountUsage } from './account-usage';

/** The account a new space belongs to, as radio cards showing how many spaces each has left. */
export function AccountChoice({ accounts, value, onChange, error }: { accounts: MyAccount[]; value: string; onChange: (name: string) => void; error?: string[] }) {
  return (
    <fieldset aria-describedby={error?.length ? 'account-error' : undefined}>
      <legend className="text-sm font-medium">Account</legend>
      <p className="mt-0.5 mb-2.5 text-[0.8125rem] text-muted-fg">The space counts against this account&apos;s limit and gets its templates and quotas.</p>
      <div className="grid gap-2 sm:grid-cols-2">
        {accounts.map((a) => {
          const full = a.limit !== undefined && a.spaces >= a.limit;
          const checked = value === a.name;
          return (
            <label
              key={a.name}
              className={cn(
                'flex cursor-pointer gap-3 rounded-md border px-3.5 py-3 transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring',
                checked ? 'border-primary bg-info-soft/50' : 'border-border-strong hover:bg-surface-muted',
              )}
            >
              <input type="radio" name="account" value={a.name} checked={checked} onChange={() => onChange(a.name)} className="mt-1 size-4 accent-[var(--primary)] focus-visible:outline-none" />
              <span className="min-w-0">
                <span className="block truncate text-sm font-medium">{a.name}</span>
                <AccountUsage spaces={a.spaces} limit={a.limit} className="mt-1" />
                {full && (
                  <span className="mt-1 flex items-center gap-1 text-xs text-warning-soft-fg">
                    <TriangleAlert aria-hidden className="size-3.5" />
                    At its limit: the cluster will refuse another space.
                  </span>
                )}
              </span>
            </label>
          );
        })}
      </div>
      {error?.length ? (
        <p id="account-error" className="mt-1.5 text-[0.8125rem] text-danger-soft-fg">
          {error.join(' ')}
        </p>
      ) : null}
    </fieldset>
  );
}
