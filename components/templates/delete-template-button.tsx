'use client';

import { Trash2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { deleteTemplateAction } from '@/server/actions/templates';

/** Delete with the name typed, saying what happens to the spaces and accounts that use the Template. */
export function DeleteTemplateButton({ name, instances, mandatoryIn }: { name: string; instances: number; mandatoryIn: string[] }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={
        <Button variant="secondary" className="text-danger-soft-fg">
          <Trash2 aria-hidden />
          Delete
        </Button>
      }
      title={`Delete template ${name}?`}
      description={
        <>
          <p>
            {instances > 0
              ? `Its ${instances} ${instances === 1 ? 'instance keeps' : 'instances keep'} what was deployed, but will show the template as not found.`
              : 'No space uses it.'}
          </p>
          {mandatoryIn.length > 0 && (
            <p className="mt-2 font-medium text-danger-soft-fg">
              It is mandatory in {mandatoryIn.join(', ')}: new spaces of {mandatoryIn.length === 1 ? 'that account' : 'those accounts'} will fail to be created until it is restored or removed from the account.
            </p>
          )}
        </>
      }
      confirmText={name}
      actionLabel="Delete template"
      onConfirm={async () => {
        const r = await deleteTemplateAction({ name });
        if (!r.ok) return [r.message, r.hint].filter(Boolean).join(' ');
        router.push('/templates');
        return undefined;
      }}
    />
  );
}
