'use client';

import { SectionError } from '@/components/shell/section-error';

export default function HealthError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError error={error} reset={reset} title="The health page could not be loaded" />;
}
