import type { ReactNode } from 'react';

export default function ConsoleLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <header className="top">
        <span className="brand">Atrium</span>
        {/* Sign-in arrives with the identity issue; until then nobody is signed in. */}
        <span className="who" data-testid="identity">Not signed in</span>
      </header>
      <main>{children}</main>
    </>
  );
}
