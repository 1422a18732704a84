import { ChevronLeft, ChevronRight } from 'lucide-react';
import Link from 'next/link';
import { buttonClass } from './button';
import { cn } from './cn';

export interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  /** Path of the list, e.g. /spaces; `params` are kept on every page link (search, filters). */
  path: string;
  params?: Record<string, string | undefined>;
  noun?: [singular: string, plural: string];
}

export function pageHref(path: string, params: Record<string, string | undefined>, page: number): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** "21–40 of 1,000 spaces" with previous/next links; paging happens on the server through ?page=. */
export function Pagination({ page, pageSize, total, path, params = {}, noun = ['item', 'items'] }: PaginationProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const fmt = (n: number) => n.toLocaleString('en');
  const link = (target: number, label: string, icon: 'prev' | 'next') => {
    const disabled = target < 1 || target > pages;
    const content = (
      <>
        {icon === 'prev' && <ChevronLeft aria-hidden />}
        {label}
        {icon === 'next' && <ChevronRight aria-hidden />}
      </>
    );
    return disabled ? (
      <span aria-disabled="true" className={cn(buttonClass('secondary', 'sm'), 'pointer-events-none opacity-50')}>
        {content}
      </span>
    ) : (
      <Link href={pageHref(path, params, target)} rel={icon} className={buttonClass('secondary', 'sm')}>
        {content}
      </Link>
    );
  };
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 border-t border-border px-4 py-3">
      <p className="text-[0.8125rem] text-muted-fg tabular-nums" data-testid="pagination-summary">
        {total === 0 ? `No ${noun[1]}` : `${fmt(from)}–${fmt(to)} of ${fmt(total)} ${total === 1 ? noun[0] : noun[1]}`}
      </p>
      {pages > 1 && (
        <div className="flex items-center gap-2">
          {link(page - 1, 'Previous', 'prev')}
          <span className="px-1 text-[0.8125rem] text-muted-fg tabular-nums">
            Page {page} of {pages}
          </span>
          {link(page + 1, 'Next', 'next')}
        </div>
      )}
    </nav>
  );
}
