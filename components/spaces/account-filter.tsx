import Link from 'next/link';
import { pageHref } from '@/components/ui/pagination';
import { cn } from '@/components/ui/cn';

/** Filter chips: all accounts or one; plain links, so the filter is in the URL people share. */
export function AccountFilter({ accounts, current, q }: { accounts: string[]; current?: string; q?: string }) {
  if (accounts.length < 2) return null;
  const chip = (label: string, account: string | undefined) => {
    const active = current === account;
    return (
      <Link
        key={label}
        href={pageHref('/spaces', { q, account }, 1)}
        aria-current={active ? 'true' : undefined}
        className={cn(
          'rounded-full border px-2.5 py-1 text-[0.8125rem] whitespace-nowrap transition-colors',
          active ? 'border-primary bg-info-soft font-medium text-info-soft-fg' : 'border-border text-muted-fg hover:border-border-strong hover:text-foreground',
        )}
      >
        {label}
      </Link>
    );
  };
  return (
    <nav aria-label="Filter by account" className="flex flex-wrap items-center gap-1.5">
      {chip('All accounts', undefined)}
      {accounts.map((a) => chip(a, a))}
    </nav>
  );
}
