'use client';

import { SectionError } from '@/components/shell/section-error';

export default function NewSpaceError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError error={error} reset={reset} title="The form could not be loaded" />;
}
