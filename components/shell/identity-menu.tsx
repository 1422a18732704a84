'use client';

import { ChevronDown, KeyRound, LogOut, UserRound } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { startTransition } from 'react';

export interface IdentityMenuProps {
  username: string;
  name?: string;
  groups: string[];
  via: 'oidc' | 'token';
  signOutAction: () => Promise<void>;
}

/** Who the console acts as (the Kubernetes user RBAC sees), and sign-out. */
export function IdentityMenu({ username, name, groups, via, signOutAction }: IdentityMenuProps) {
  const initials = (name ?? username).replace(/^.*:/, '').slice(0, 2).toUpperCase();
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        className="flex items-center gap-2 rounded-md py-1 pr-2 pl-1 text-sm hover:bg-surface-muted data-[state=open]:bg-surface-muted"
        data-testid="identity"
      >
        <span aria-hidden className="flex size-7 items-center justify-center rounded-full bg-primary text-xs font-semibold text-primary-fg">
          {initials}
        </span>
        <span className="sr-only">Signed in as </span>
        <span className="sr-only max-w-40 truncate font-medium sm:not-sr-only">{username}</span>
        <ChevronDown aria-hidden className="size-4 text-muted-fg" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 w-72 rounded-md border border-border bg-surface p-1 shadow-lg">
          <div className="px-3 py-2.5">
            <p className="text-xs text-muted-fg">Signed in as</p>
            <p className="truncate font-mono text-sm font-medium" data-testid="identity-username">
              {username}
            </p>
            {name && name !== username && <p className="truncate text-[0.8125rem] text-muted-fg">{name}</p>}
            <p className="mt-2 flex items-center gap-1.5 text-xs text-muted-fg">
              {via === 'oidc' ? <UserRound aria-hidden className="size-3.5" /> : <KeyRound aria-hidden className="size-3.5" />}
              {via === 'oidc' ? 'Single sign-on' : 'Bearer token'}
            </p>
            {groups.length > 0 && (
              <p className="mt-1 text-xs break-words text-muted-fg">
                Groups: <span className="font-mono">{groups.join(', ')}</span>
              </p>
            )}
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          {/* Called directly: a form inside the menu would unmount with it before its submit fires. */}
          <DropdownMenu.Item
            onSelect={() => startTransition(() => signOutAction())}
            className="flex w-full cursor-default items-center gap-2 rounded px-3 py-1.5 text-sm outline-none data-highlighted:bg-surface-muted"
          >
            <LogOut aria-hidden className="size-4 text-muted-fg" />
            Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
