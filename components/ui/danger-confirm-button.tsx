'use client';

import { Trash2 } from 'lucide-react';
import { useId, type ReactNode } from 'react';
import { Button } from './button';
import { ConfirmDialog, type ConfirmDialogProps } from './confirm-dialog';

export interface DangerConfirmButtonProps extends Omit<ConfirmDialogProps, 'trigger'> {
  /** The button's words; "Delete" unless the action says more ("Delete selected"). */
  label?: string;
  size?: 'sm' | 'md';
  disabled?: boolean;
  /**
   * Why the person may not do this: the button is shown disabled with the reason as its tooltip and read to screen
   * readers, instead of a dialog the cluster would refuse.
   */
  notAllowed?: { title: string; explanation: ReactNode };
}

/**
 * The one look of a destructive action: a secondary button in the danger colour that opens a ConfirmDialog where
 * the person types the object's name.
 */
export function DangerConfirmButton({ label = 'Delete', size = 'md', disabled, notAllowed, ...dialog }: DangerConfirmButtonProps) {
  const reasonId = useId();
  if (notAllowed) {
    return (
      <Button variant="secondary" size={size} disabled title={notAllowed.title} aria-describedby={reasonId}>
        <Trash2 aria-hidden />
        {label}
        <span id={reasonId} className="sr-only">
          {notAllowed.explanation}
        </span>
      </Button>
    );
  }
  return (
    <ConfirmDialog
      {...dialog}
      trigger={
        <Button variant="secondary" size={size} className="text-danger-soft-fg" disabled={disabled}>
          <Trash2 aria-hidden />
          {label}
        </Button>
      }
    />
  );
}
