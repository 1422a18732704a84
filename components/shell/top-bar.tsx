import type { ThemeChoice } from '@/components/ui/theme';
import { ThemeToggle } from '@/components/ui/theme-toggle';
import { Brand } from './brand';
import { IdentityMenu, type IdentityMenuProps } from './identity-menu';
import { NavLinks, type NavItem } from './nav-links';

/** The console's header: brand, sections the person may use, theme and who they are. */
export function TopBar({ nav, identity, theme }: { nav: NavItem[]; identity: IdentityMenuProps; theme: ThemeChoice }) {
  return (
    <header className="sticky top-0 z-30 border-b border-border bg-surface/90 backdrop-blur supports-[backdrop-filter]:bg-surface/75">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-6 px-4 sm:px-6">
        <Brand />
        <NavLinks items={nav} />
        <div className="ml-auto flex items-center gap-1">
          <ThemeToggle initial={theme} />
          <IdentityMenu {...identity} />
        </div>
      </div>
    </header>
  );
}
