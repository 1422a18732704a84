'use client';

import { SectionError } from '@/components/shell/section-error';

export default function AccountsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError error={error} reset={reset} title="The accounts could not be loaded" />;
}
