/** Checks of template parameters before a TemplateInstance is sent, as the controller will check them. */
export interface ParamDef {
  name: string;
  value?: string;
  required: boolean;
  validation?: string;
}

/**
 * Problems by parameter name; an empty object when the values are fine. Same rules as the controller (Kiosk):
 * a required parameter must be given — its default does not count, so the form pre-fills defaults — and only given
 * values are matched against the template's pattern (an unanchored search, as Go's regexp.MatchString).
 */
export function paramProblems(defs: readonly ParamDef[], values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of defs) {
    const v = values[d.name] ?? '';
    if (d.required && v === '') {
      out[d.name] = 'Required: the template needs a value.';
      continue;
    }
    if (d.validation && v !== '') {
      let re: RegExp | undefined;
      try {
        re = new RegExp(d.validation);
      } catch {
        re = undefined; // A template's broken pattern is the controller's to report.
      }
      if (re && !re.test(v)) out[d.name] = `Must match ${d.validation}.`;
    }
  }
  return out;
}

/** The parameters to send: every one with a value (defaults were pre-filled, so they are sent as given). */
export function paramsToSend(values: Record<string, string>): { name: string; value: string }[] {
  return Object.entries(values)
    .filter(([, v]) => v !== '')
    .map(([name, value]) => ({ name, value }));
}
