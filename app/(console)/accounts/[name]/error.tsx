'use client';

import { SectionError } from '@/components/shell/section-error';

export default function AccountError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError error={error} reset={reset} title="This account could not be loaded" />;
}
