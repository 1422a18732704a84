'use client';

import { Search } from 'lucide-react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { cn } from './cn';
import { inputClass } from './input';

/**
 * Search that filters on the server: the text goes to ?q= (page reset to 1) while the person types. Without
 * JavaScript it is a plain GET form, so it still works.
 */
export function SearchBox({ label, placeholder, param = 'q', className }: { label: string; placeholder?: string; param?: string; className?: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [value, setValue] = useState(params.get(param) ?? '');
  const [pending, startTransition] = useTransition();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const go = (text: string) => {
    const next = new URLSearchParams(params.toString());
    if (text.trim()) next.set(param, text.trim());
    else next.delete(param);
    next.delete('page');
    const q = next.toString();
    startTransition(() => router.replace(q ? `${pathname}?${q}` : pathname, { scroll: false }));
  };

  useEffect(() => () => clearTimeout(timer.current), []);

  return (
    <form
      role="search"
      action={pathname}
      className={cn('relative', className)}
      onSubmit={(e) => {
        e.preventDefault();
        clearTimeout(timer.current);
        go(value);
      }}
    >
      <label htmlFor={`search-${param}`} className="sr-only">
        {label}
      </label>
      <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-fg" />
      <input
        id={`search-${param}`}
        name={param}
        type="search"
        value={value}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        aria-busy={pending || undefined}
        className={cn(inputClass, 'pl-9')}
        onChange={(e) => {
          const text = e.target.value;
          setValue(text);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => go(text), 250);
        }}
      />
    </form>
  );
}
