'use client';

import { SectionError } from '@/components/shell/section-error';

export default function FormError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError error={error} reset={reset} title="This form could not be loaded" />;
}
