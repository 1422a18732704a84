'use client';

import { SectionError } from '@/components/shell/section-error';

export default function SpaceError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError error={error} reset={reset} title="This space could not be loaded" />;
}
