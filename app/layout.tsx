import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';
import { THEME_COOKIE, themeClass } from '@/components/ui/theme';
import './globals.css';

export const metadata: Metadata = {
  title: 'Atrium',
  description: 'Self-service spaces, quotas and audit for a shared Kubernetes cluster',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The theme is chosen on the server from a cookie (no script: the CSP allows none inline); no cookie = system.
  const theme = themeClass((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" className={theme}>
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
