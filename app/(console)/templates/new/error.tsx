'use client';

import { SectionError } from '@/components/shell/section-error';

export default function NewTemplateError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError error={error} reset={reset} title="The template editor could not be loaded" />;
}
