'use client';

import { SectionError } from '@/components/shell/section-error';

export default function TemplateError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError error={error} reset={reset} title="The template could not be loaded" />;
}
