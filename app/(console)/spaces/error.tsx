'use client';

import { SectionError } from '@/components/shell/section-error';

export default function SpacesError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError error={error} reset={reset} title="Your spaces could not be loaded" />;
}
