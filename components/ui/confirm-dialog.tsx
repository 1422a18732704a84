'use client';

import { AlertDialog } from 'radix-ui';
import { useId, useState, type ReactNode } from 'react';
import { Alert } from './alert';
import { Button, buttonClass } from './button';
import { Input } from './input';

export interface ConfirmDialogProps {
  /** The element that opens the dialog (a Button). */
  trigger: ReactNode;
  title: ReactNode;
  description: ReactNode;
  /** The person must type this exactly before the action is enabled. */
  confirmText: string;
  actionLabel: string;
  /** Resolves to an error message to show, or nothing when done (the dialog then closes). */
  onConfirm: () => Promise<string | undefined>;
}

/** Confirmation for destructive actions: the person types the object's name, as GitHub does for repositories. */
export function ConfirmDialog({ trigger, title, description, confirmText, actionLabel, onConfirm }: ConfirmDialogProps) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const inputId = useId();
  const matches = typed === confirmText;

  const change = (next: boolean) => {
    if (busy) return;
    setOpen(next);
    if (!next) {
      setTyped('');
      setError(undefined);
    }
  };

  return (
    <AlertDialog.Root open={open} onOpenChange={change}>
      <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-black/45 backdrop-blur-[1px]" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 grid w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 gap-4 rounded-lg border border-border bg-surface p-6 shadow-xl">
          <AlertDialog.Title className="text-base font-semibold">{title}</AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="text-sm text-muted-fg">{description}</div>
          </AlertDialog.Description>
          <form
            className="grid gap-4"
            onSubmit={async (e) => {
              e.preventDefault();
              if (!matches || busy) return;
              setBusy(true);
              setError(undefined);
              const problem = await onConfirm().catch((err: unknown) => (err instanceof Error ? err.message : String(err)));
              setBusy(false);
              if (problem) setError(problem);
              else change(false);
            }}
          >
            <div className="grid gap-1.5">
              <label htmlFor={inputId} className="text-sm">
                Type <strong className="font-mono font-semibold select-all">{confirmText}</strong> to confirm
              </label>
              <Input id={inputId} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} autoCapitalize="off" />
            </div>
            {error && <Alert tone="danger">{error}</Alert>}
            <div className="flex justify-end gap-2">
              <AlertDialog.Cancel className={buttonClass('secondary')} disabled={busy}>
                Cancel
              </AlertDialog.Cancel>
              <Button type="submit" variant="danger" disabled={!matches || busy}>
                {busy ? 'Working…' : actionLabel}
              </Button>
            </div>
          </form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
