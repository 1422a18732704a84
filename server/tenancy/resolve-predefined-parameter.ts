import { ACCOUNT_LABEL } from './kiosk-labels';
import type { ParameterLookup } from './substitute-parameters';
import type { ReferencedObject, TemplateContext } from './types';

type Source = 'namespace' | 'account';
type Field = 'labels' | 'annotations';

const PREFIXES: readonly { prefix: string; source: Source; field: Field }[] = [
  { prefix: 'namespace.metadata.annotations.', source: 'namespace', field: 'annotations' },
  { prefix: 'namespace.metadata.labels.', source: 'namespace', field: 'labels' },
  { prefix: 'account.metadata.annotations.', source: 'account', field: 'annotations' },
  { prefix: 'account.metadata.labels.', source: 'account', field: 'labels' },
];

/**
 * Resolves Kiosk's predefined template parameters against the TemplateInstance's namespace and account:
 * `NAMESPACE`, `ACCOUNT`, `NAMESPACE.METADATA.LABELS.<key>`, `NAMESPACE.METADATA.ANNOTATIONS.<key>`,
 * `ACCOUNT.METADATA.LABELS.<key>`, `ACCOUNT.METADATA.ANNOTATIONS.<key>`.
 * As in Kiosk the prefix is case-insensitive, the `<key>` is not, and predefined names win over declared parameters.
 * Returns `undefined` for any other name; an error when the referenced account, label or annotation does not exist.
 */
export function resolvePredefinedParameter(name: string, context: TemplateContext): ParameterLookup {
  const lower = name.toLowerCase();
  if (lower === 'namespace') return { ok: true, value: context.namespace.name };

  const match = PREFIXES.find((p) => lower.startsWith(p.prefix));
  if (lower !== 'account' && !match) return undefined;

  let target: ReferencedObject = context.namespace;
  if (lower === 'account' || match?.source === 'account') {
    if (!context.account) {
      return {
        ok: false,
        error:
          `\${${name}} is used, but namespace '${context.namespace.name}' is not owned by an account (no ${ACCOUNT_LABEL} label); ` +
          'instantiate the Template in a space of an account, or remove the reference from the Template',
      };
    }
    if (lower === 'account') return { ok: true, value: context.account.name };
    target = context.account;
  }
  if (!match) return undefined;

  const key = name.slice(match.prefix.length);
  const values = target[match.field] ?? {};
  if (Object.hasOwn(values, key)) return { ok: true, value: values[key] as string };

  const singular = match.field === 'labels' ? 'label' : 'annotation';
  const kind = match.source === 'namespace' ? 'namespace' : 'Account';
  return {
    ok: false,
    error:
      `\${${name}} is used, but ${match.source} '${target.name}' has no ${singular} '${key}'; ` +
      `add metadata.${match.field}["${key}"] to the ${kind}, or remove the reference from the Template`,
  };
}
