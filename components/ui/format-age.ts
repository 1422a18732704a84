/** Age as kubectl prints it (45s, 12m, 5h, 3d, 2y): short, and the same words people see in their terminal. */
export function formatAge(from: string | undefined, now: number = Date.now()): string {
  if (!from) return '—';
  const t = Date.parse(from);
  if (Number.isNaN(t)) return '—';
  const s = Math.max(0, Math.floor((now - t) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 && h < 10 ? `${h}h${m % 60}m` : `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 365 * 2) return `${d}d`;
  return `${Math.floor(d / 365)}y`;
}
