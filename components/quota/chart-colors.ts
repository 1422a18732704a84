/**
 * Series colours for the quota charts, one per space, readable on the light and the dark surface (the same
 * light-dark() scheme app/globals.css uses). Charts set them as CSS variables and fill with var(--chart-n).
 */
export const CHART_COLORS = [
  'light-dark(oklch(0.5 0.2 262), oklch(0.68 0.16 262))',
  'light-dark(oklch(0.55 0.15 160), oklch(0.72 0.14 160))',
  'light-dark(oklch(0.6 0.16 60), oklch(0.78 0.14 70))',
  'light-dark(oklch(0.52 0.2 330), oklch(0.72 0.15 330))',
  'light-dark(oklch(0.55 0.12 210), oklch(0.74 0.11 210))',
  'light-dark(oklch(0.5 0.17 25), oklch(0.7 0.15 25))',
];
export const OTHER_COLOR = 'light-dark(oklch(0.6 0.02 260), oklch(0.6 0.02 260))';

export const chartVars = (n: number): Record<string, string> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`--chart-${i}`, CHART_COLORS[i % CHART_COLORS.length]!]));
