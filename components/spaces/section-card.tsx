import type { ReactNode } from 'react';
import { Card, CardHeader } from '@/components/ui/card';
import type { Section } from '@/server/queries/spaces';

/**
 * A card of the space page. Each section is read on its own: one the person may not see shows the cluster's
 * refusal here and the rest of the page still works.
 */
export function SectionCard<T>({ id, title, description, section, empty, children }: { id: string; title: string; description?: ReactNode; section: Section<T>; empty: ReactNode; children: (items: T[]) => ReactNode }) {
  return (
    <Card aria-labelledby={id} data-testid={id}>
      <CardHeader id={id} title={title} description={description} actions={section.items ? <span className="text-xs text-muted-fg tabular-nums">{section.items.length}</span> : undefined} />
      {section.error !== undefined ? (
        <p className="px-5 py-4 text-[0.8125rem] text-muted-fg">
          <span className="font-medium text-foreground">Not visible to you.</span> {section.error}
        </p>
      ) : section.items.length === 0 ? (
        <p className="px-5 py-4 text-[0.8125rem] text-muted-fg">{empty}</p>
      ) : (
        <>
          {children(section.items)}
          {section.note && <p className="border-t border-border px-5 py-3 text-xs text-muted-fg">{section.note}</p>}
        </>
      )}
    </Card>
  );
}
