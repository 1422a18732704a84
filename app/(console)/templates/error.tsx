'use client';

import { SectionError } from '@/components/shell/section-error';

export default function TemplatesError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError error={error} reset={reset} title="The templates could not be loaded" />;
}
