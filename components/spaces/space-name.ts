/**
 * A space name is a namespace name: an RFC 1123 DNS label. The form checks it as the person types, the server
 * action checks it again, and the API server has the last word.
 */
export const SPACE_NAME_MAX = 63;

/** What is wrong with a space name, in words that say how to fix it; undefined when it is valid. */
export function spaceNameProblem(name: string): string | undefined {
  if (!name) return 'Enter a name.';
  if (name.length > SPACE_NAME_MAX) return `Use at most ${SPACE_NAME_MAX} characters (this one has ${name.length}).`;
  if (/[A-Z]/.test(name)) return 'Use lowercase letters only.';
  const bad = name.match(/[^a-z0-9-]/);
  if (bad) return `“${bad[0]}” is not allowed: use lowercase letters, digits and “-”.`;
  if (name.startsWith('-') || name.endsWith('-')) return 'Start and end with a letter or digit, not “-”.';
  return undefined;
}
