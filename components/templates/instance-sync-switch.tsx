'use client';

import { Switch } from 'radix-ui';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { setInstanceSyncAction } from '@/server/actions/templates';

/**
 * `spec.sync` of one TemplateInstance: on, the controller re-applies the Template there whenever it changes.
 * Changed as the person; a refusal is shown next to the switch in the cluster's words.
 */
export function InstanceSyncSwitch({ namespace, name, sync }: { namespace: string; name: string; sync: boolean }) {
  const router = useRouter();
  const [checked, setChecked] = useState(sync);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const id = `sync-${namespace}-${name}`;
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-center gap-2">
        <Switch.Root
          id={id}
          checked={checked}
          disabled={pending}
          aria-describedby={error ? `${id}-error` : undefined}
          onCheckedChange={(next) => {
            setChecked(next);
            setError(undefined);
            start(async () => {
              const r = await setInstanceSyncAction({ namespace, name, sync: next });
              if (!r.ok) {
                setChecked(!next);
                setError([r.message, r.hint].filter(Boolean).join(' '));
              } else router.refresh();
            });
          }}
          className="relative inline-flex h-5 w-9 shrink-0 items-center rounded-full border border-border-strong bg-surface-muted transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring disabled:opacity-60 data-[state=checked]:border-primary data-[state=checked]:bg-primary"
        >
          <Switch.Thumb className="block size-3.5 translate-x-0.5 rounded-full bg-foreground shadow transition-transform data-[state=checked]:translate-x-4 data-[state=checked]:bg-primary-fg" />
        </Switch.Root>
        <label htmlFor={id} className="text-[0.8125rem]">
          <span className="sr-only">
            Sync {name} in {namespace}:{' '}
          </span>
          {checked ? 'on' : 'off'}
        </label>
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="max-w-xs text-xs text-danger-soft-fg">
          {error}
        </p>
      )}
    </div>
  );
}
