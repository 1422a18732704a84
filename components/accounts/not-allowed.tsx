import { ShieldX } from 'lucide-react';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';

/** What a person sees where the cluster refused them: its words, and no data. */
export function NotAllowed({ title, message, username }: { title: string; message: string; username: string }) {
  return (
    <Card data-testid="not-allowed">
      <EmptyState icon={ShieldX} title={title} action={<Link href="/spaces" className={buttonClass('secondary')}>Back to your spaces</Link>}>
        <p>
          The cluster answered: <span className="text-foreground">{message}</span>
        </p>
        <p className="mt-2">
          You are signed in as <code className="font-mono">{username}</code>. If you need this, ask a cluster admin.
        </p>
      </EmptyState>
    </Card>
  );
}
