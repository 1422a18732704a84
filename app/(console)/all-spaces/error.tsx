'use client';

import { SectionError } from '@/components/shell/section-error';

export default function AllSpacesError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError error={error} reset={reset} title="The spaces could not be loaded" />;
}
