// The rule for the name of a cluster-scoped Kubernetes object (Account, AccountQuota, Template): a DNS-1123 subdomain.
// Pure: the forms check as the person types, their server actions check again, the API server has the last word.

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why `name` cannot name a `what` (e.g. "account"), in words that say the rule; undefined when it can. */
export function kubeNameProblem(name: string, what: string): string | undefined {
  if (name === '') return `Required: give the ${what} a name.`;
  if (name.length > 253) return 'At most 253 characters.';
  if (!DNS1123_SUBDOMAIN.test(name)) return 'Lowercase letters, digits, “-” and “.”, starting and ending with a letter or digit.';
  return undefined;
}
