'use client';

import { SectionError } from '@/components/shell/section-error';

export default function AuditError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError error={error} reset={reset} title="The audit trail could not be loaded" />;
}
