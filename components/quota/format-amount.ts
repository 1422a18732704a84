const BINARY = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'];

const isBytes = (resource: string) => /memory|storage/.test(resource);
const isCpu = (resource: string) => /(^|\.)cpu$/.test(resource);

/** A base-unit number as a person reads it for this resource: `1.5Gi`, `250m`, `3`. */
export function formatAmount(resource: string, value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (isBytes(resource)) {
    let v = value;
    let i = 0;
    while (Math.abs(v) >= 1024 && i < BINARY.length - 1) {
      v /= 1024;
      i++;
    }
    return `${round(v)}${BINARY[i]}`;
  }
  if (isCpu(resource) && value !== 0 && Math.abs(value) < 1) return `${Math.round(value * 1000)}m`;
  return round(value);
}

const round = (v: number) => String(Math.round(v * 100) / 100);

/** 0.4567 → "46%". */
export const formatPercent = (fraction: number) => `${Math.round(fraction * 100)}%`;
