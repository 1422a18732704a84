'use client';

import { Lock } from 'lucide-react';
import { Alert } from '@/components/ui/alert';
import { Field, fieldAria } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import type { TemplateChoice as Template } from '@/server/queries/accounts';

export type TemplatesOffer = { allowed: true; templates: Template[] } | { allowed: false; message: string };

export interface ChosenTemplates {
  /** template name → parameter values (pre-filled with the defaults). */
  [template: string]: Record<string, string>;
}

/**
 * The templates a new space gets: the account's mandatory ones (always, listed so nothing is a surprise) and the
 * optional ones the person picks, with their parameters.
 */
export function TemplateChoice({
  offer, mandatory, account, chosen, onChange, problems,
}: {
  offer: TemplatesOffer;
  mandatory: { name: string; template: string }[];
  account: string;
  chosen: ChosenTemplates;
  onChange: (next: ChosenTemplates) => void;
  problems: Record<string, Record<string, string>>;
}) {
  const mandatoryNames = new Set(mandatory.map((m) => m.template));
  const optional = offer.allowed ? offer.templates.filter((t) => !mandatoryNames.has(t.name)) : [];
  const toggle = (t: Template, on: boolean) => {
    const next = { ...chosen };
    if (on) next[t.name] = Object.fromEntries(t.parameters.map((p) => [p.name, p.value ?? '']));
    else delete next[t.name];
    onChange(next);
  };
  return (
    <fieldset className="grid gap-3">
      <legend className="text-sm font-medium">Templates</legend>
      {mandatory.length > 0 && (
        <ul className="grid gap-2" aria-label={`Applied to every space of ${account}`}>
          {mandatory.map((m) => (
            <li key={m.name} className="flex items-center gap-3 rounded-md border border-border bg-surface-muted/60 px-3.5 py-2.5 text-sm">
              <Lock aria-hidden className="size-4 text-muted-fg" />
              <span className="font-mono text-[0.8125rem]">{m.template}</span>
              <span className="ml-auto text-xs text-muted-fg">Required by {account}</span>
            </li>
          ))}
        </ul>
      )}
      {!offer.allowed ? (
        <Alert tone="info" title="Optional templates are not available to you">
          <p>{offer.message}</p>
          <p className="mt-1">Templates are cluster-wide settings that only cluster admins may list. The space still gets its account&apos;s required templates.</p>
        </Alert>
      ) : optional.length === 0 ? (
        <p className="text-[0.8125rem] text-muted-fg">{mandatory.length ? 'No other templates are available.' : 'No templates are available.'}</p>
      ) : (
        <ul className="grid gap-2">
          {optional.map((t) => {
            const on = t.name in chosen;
            const id = `tpl-${t.name}`;
            return (
              <li key={t.name} className="rounded-md border border-border-strong">
                <label htmlFor={id} className="flex cursor-pointer items-start gap-3 px-3.5 py-2.5">
                  <input id={id} type="checkbox" checked={on} onChange={(e) => toggle(t, e.target.checked)} className="mt-0.5 size-4 accent-[var(--primary)]" />
                  <span className="min-w-0">
                    <span className="block font-mono text-[0.8125rem] font-medium">{t.name}</span>
                    {t.creates.length > 0 && <span className="block truncate text-xs text-muted-fg">Creates {t.creates.join(', ')}</span>}
                  </span>
                </label>
                {on && t.parameters.length > 0 && (
                  <div className="grid gap-3 border-t border-border px-3.5 py-3 sm:grid-cols-2">
                    {t.parameters.map((p) => {
                      const pid = `${id}-${p.name}`;
                      const err = problems[t.name]?.[p.name];
                      const description = [p.value ? `Default ${p.value}` : '', p.validation ? `Must match ${p.validation}` : ''].filter(Boolean).join(' · ');
                      return (
                        <Field key={p.name} id={pid} label={<span className="font-mono text-[0.8125rem]">{p.name}</span>} optional={!p.required} description={description || undefined} error={err}>
                          <Input
                            id={pid}
                            value={chosen[t.name]?.[p.name] ?? ''}
                            required={p.required}
                            onChange={(e) => onChange({ ...chosen, [t.name]: { ...chosen[t.name], [p.name]: e.target.value } })}
                            {...fieldAria(pid, { description: !!description, error: err })}
                          />
                        </Field>
                      );
                    })}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
