import type { TemplateInstanceParameter, TemplateParameter } from './types';

/** Template annotation listing the parameters (comma-separated) an instance may use to name, place or type objects. */
export const NAMING_PARAMETERS_ANNOTATION = 'atrium.kiosk.sh/naming-parameters';

/** A given parameter that would decide what an object is or where it goes. */
export interface NamingParameterUse {
  /** `manifests[2].metadata.name` */
  field: string;
  parameter: string;
}

const REFERENCE = /\$+?\{\{?([^}]+?)\}?\}/g;
const IDENTITY_FIELDS = [['apiVersion'], ['kind'], ['metadata', 'name'], ['metadata', 'namespace']] as const;

/**
 * Where a value given by the instance (`spec.parameters`) would be substituted into an object's apiVersion, kind,
 * metadata.name or metadata.namespace, for parameters the Template does not list in
 * {@link NAMING_PARAMETERS_ANNOTATION}. A tenant's parameters may fill in what an object contains, not turn a
 * ConfigMap into a RoleBinding or overwrite another object of the namespace. Escaped references (`$${X}`),
 * predefined parameters and parameters the instance does not give are not uses.
 */
export function parametersNamingObjects(
  manifests: readonly unknown[],
  declared: readonly TemplateParameter[],
  given: readonly TemplateInstanceParameter[],
  allowed: readonly string[],
): NamingParameterUse[] {
  const tenantGiven = new Set(given.map((p) => p.name).filter((n) => declared.some((d) => d.name === n) && !allowed.includes(n)));
  const uses: NamingParameterUse[] = [];
  manifests.forEach((m, i) => {
    for (const path of IDENTITY_FIELDS) {
      let v: unknown = m;
      for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
      if (typeof v !== 'string') continue;
      for (const match of v.matchAll(REFERENCE)) {
        if (match[0].startsWith('$$')) continue;
        const name = match[1]!.trim();
        if (tenantGiven.has(name)) uses.push({ field: `manifests[${i}].${path.join('.')}`, parameter: name });
      }
    }
  });
  return uses;
}

/** The parameters a Template allows to name objects, from its annotation. */
export function namingParametersOf(annotations: Record<string, string> | undefined): string[] {
  return (annotations?.[NAMING_PARAMETERS_ANNOTATION] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}
