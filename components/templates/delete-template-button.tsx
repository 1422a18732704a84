'use client';

import { useRouter } from 'next/navigation';
import { DangerConfirmButton } from '@/components/ui/danger-confirm-button';
import { deleteTemplateAction } from '@/server/actions/templates';

/** Delete with the name typed, saying what happens to the spaces and accounts that use the Template. */
export function DeleteTemplateButton({ name, instances, mandatoryIn }: { name: string; instances: number; mandatoryIn: string[] }) {
  const router = useRouter();
  return (
    <DangerConfirmButton
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
