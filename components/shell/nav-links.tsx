'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';

export interface NavItem {
  href: string;
  label: string;
}

/** The console's sections; the current one is marked for screen readers (aria-current) and by its underline. */
export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex items-center gap-1">
      {items.map((item) => {
        const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={current ? 'page' : undefined}
            className={cn(
              'relative rounded-md px-3 py-1.5 text-sm font-medium transition-colors',
              current ? 'text-foreground' : 'text-muted-fg hover:bg-surface-muted hover:text-foreground',
              current && 'after:absolute after:inset-x-3 after:-bottom-[13px] after:h-0.5 after:rounded-full after:bg-primary',
            )}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
