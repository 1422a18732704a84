// Labels and annotations written one `key=value` per line, checked as the API server checks namespace metadata.

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const lines = (text: string) => text.split('\n').map((l, i) => ({ line: l.trim(), n: i + 1 })).filter((l) => l.line !== '' && !l.line.startsWith('#'));

/** The map the lines describe; lines without `=` are skipped (keyValueProblems reports them). */
export function parseKeyValueLines(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { line } of lines(text)) {
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}

/** The lines for a map, sorted by key. */
export function keyValueText(map: Record<string, string> | undefined): string {
  return Object.entries(map ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}

/** Why a key cannot be a label or annotation key (`[prefix/]name`, Kubernetes' qualified name); undefined when it can. */
export function qualifiedKeyProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return `“${key}”: a key has at most one “/” (prefix/name).`;
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]!];
  if (prefix !== undefined && (prefix === '' || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) return `“${key}”: the prefix before “/” must be a lowercase DNS subdomain such as example.com.`;
  if (!name || name.length > 63 || !NAME.test(name)) return `“${key}”: the name must be 1–63 letters, digits, “-”, “_” or “.”, starting and ending with a letter or digit.`;
  return undefined;
}

/** Every problem with the lines, naming the line and the fix. */
export function keyValueProblems(text: string, what: 'label' | 'annotation'): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const { line, n } of lines(text)) {
    const eq = line.indexOf('=');
    if (eq <= 0) {
      out.push(`Line ${n}: write key=value.`);
      continue;
    }
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    const keyProblem = qualifiedKeyProblem(key);
    if (keyProblem) out.push(`Line ${n}: ${keyProblem}`);
    if (seen.has(key)) out.push(`Line ${n}: ${key} is given twice.`);
    seen.add(key);
    if (what === 'label' && value !== '' && (value.length > 63 || !NAME.test(value))) {
      out.push(`Line ${n}: a label value must be at most 63 letters, digits, “-”, “_” or “.”, starting and ending with a letter or digit.`);
    }
  }
  return out;
}
