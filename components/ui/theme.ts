/** The `theme` cookie: absent means "follow the system". Read by the root layout, written by ThemeToggle. */
export const THEME_COOKIE = 'theme';
export type ThemeChoice = 'light' | 'dark' | 'system';

/** The class for <html>: '' lets prefers-color-scheme decide (see globals.css). */
export function themeClass(cookie: string | undefined): 'light' | 'dark' | undefined {
  return cookie === 'light' || cookie === 'dark' ? cookie : undefined;
}
