'use client';

import { Plus, Save, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId } from 'react';
import { ConflictNotice } from '@/components/forms/conflict-notice';
import { FormFailure } from '@/components/forms/form-failure';
import { KubeNameCard } from '@/components/forms/kube-name-field';
import { useStaleEditForm } from '@/components/forms/use-stale-edit-form';
import { Button, buttonClass } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Field, fieldAria } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { createAccountQuotaAction, updateAccountQuotaAction } from '@/server/actions/account-quotas';
import { QUOTA_SCOPES, describeAmount, hardOf, quotaFormProblems, type QuotaFormValues } from './quota-form-model';
import type { ResourceSuggestion } from './resource-suggestions';

const summary = (v: QuotaFormValues) => [
  ...Object.entries(hardOf(v)).map(([r, a]) => ({ label: r, text: a })),
  { label: 'scopes', text: v.scopes.join(', ') || 'none' },
];

/**
 * Create an AccountQuota or edit its limits: a row per resource (picked from the cluster's own resources or typed),
 * each amount checked with the controller's quantity parser as it is typed, with what is used now beside it.
 */
export function QuotaForm({ mode, account, initial, resourceVersion: loadedVersion, suggestions, used, hasScopeSelector }: {
  mode: 'create' | 'edit';
  account: string;
  initial: QuotaFormValues;
  resourceVersion?: string;
  suggestions: ResourceSuggestion[];
  /** What the account uses now, by resource (the quota's status). */
  used: Record<string, string>;
  hasScopeSelector?: boolean;
}) {
  const router = useRouter();
  const listId = useId();
  const form = useStaleEditForm({
    initial,
    resourceVersion: loadedVersion,
    invalid: 'Some values need fixing before the quota can be saved.',
    problems: (v) => quotaFormProblems(v, { checkName: mode === 'create' }),
  });
  const { values: v, change, errorsOf, touch, failure, conflict, busy } = form;
  const setRow = (i: number, row: Partial<{ resource: string; amount: string }>) => change({ hard: v.hard.map((x, j) => (j === i ? { ...x, ...row } : x)) });
  const back = `/accounts/${encodeURIComponent(account)}`;

  const submit = () =>
    form.save(
      async (edit) =>
        mode === 'create'
          ? await createAccountQuotaAction({ account, values: edit.values })
          : await updateAccountQuotaAction({ account, name: edit.values.name, resourceVersion: edit.resourceVersion, initial: edit.base, values: edit.values }),
      () => {
        router.push(back);
        router.refresh();
      },
    );

  return (
    <form
      noValidate
      className="grid gap-6"
      aria-label={mode === 'create' ? `New quota for ${account}` : `Edit quota ${v.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {conflict && <ConflictNotice what="quota" message={conflict.message} hint={conflict.hint} mine={summary(v)} current={summary(conflict.values)} onReload={form.reload} />}
      {failure && <FormFailure title={mode === 'create' ? 'The quota was not created' : 'The quota was not saved'} failure={failure} />}

      {mode === 'create' && (
        <KubeNameCard
          sectionId="sec-quota-name"
          id="quota-name"
          label="Quota name"
          description="Cluster-wide: lowercase letters, digits, “-” and “.”."
          placeholder={`${account}-compute`}
          {...form.textField('name')}
        />
      )}

      <Card aria-labelledby="sec-hard">
        <CardHeader id="sec-hard" title="Hard limits" description={`Summed over every space of ${account}. Quantities as in Kubernetes: 10, 500m, 1.5, 2Gi.`} />
        <CardBody className="grid gap-4">
          <datalist id={listId}>
            {suggestions.map((s) => (
              <option key={s.name} value={s.name}>
                {`${s.group}: ${s.help}`}
              </option>
            ))}
          </datalist>
          {v.hard.map((row, i) => {
            const rKey = `hard.${i}.resource`;
            const aKey = `hard.${i}.amount`;
            const rErr = errorsOf(rKey);
            const aErr = errorsOf(aKey);
            const meaning = describeAmount(row.resource.trim(), row.amount);
            const usedNow = used[row.resource.trim()];
            return (
              <fieldset key={i} className="grid gap-3 rounded-md border border-border p-3.5 sm:grid-cols-[minmax(0,1.4fr)_minmax(0,1fr)_auto]" data-testid="hard-row">
                <legend className="sr-only">Limit {i + 1}</legend>
                <Field id={`hard-${i}-resource`} label="Resource" error={rErr} className="content-start">
                  <Input
                    id={`hard-${i}-resource`}
                    list={listId}
                    value={row.resource}
                    className="font-mono"
                    autoComplete="off"
                    spellCheck={false}
                    autoCapitalize="off"
                    placeholder="requests.cpu"
                    onChange={(e) => setRow(i, { resource: e.target.value })}
                    onBlur={() => touch(rKey)}
                    {...fieldAria(`hard-${i}-resource`, { error: rErr.length })}
                  />
                </Field>
                <Field
                  id={`hard-${i}-amount`}
                  label="Limit"
                  error={aErr}
                  className="content-start"
                  description={[meaning, usedNow !== undefined ? `${usedNow} used now` : mode === 'edit' && row.resource ? 'not counted yet' : ''].filter(Boolean).join(' · ') || undefined}
                >
                  <Input
                    id={`hard-${i}-amount`}
                    value={row.amount}
                    className="font-mono"
                    autoComplete="off"
                    spellCheck={false}
                    placeholder="2Gi"
                    onChange={(e) => {
                      setRow(i, { amount: e.target.value });
                      if (e.target.value) touch(aKey);
                    }}
                    onBlur={() => touch(aKey)}
                    {...fieldAria(`hard-${i}-amount`, { description: !!meaning || usedNow !== undefined || (mode === 'edit' && !!row.resource), error: aErr.length })}
                  />
                </Field>
                <div className="flex items-start sm:pt-6">
                  <Button variant="ghost" size="icon" aria-label={`Remove limit ${i + 1}`} onClick={() => change({ hard: v.hard.filter((_, j) => j !== i) })}>
                    <Trash2 aria-hidden />
                  </Button>
                </div>
              </fieldset>
            );
          })}
          {errorsOf('hard').length > 0 && (
            <p className="text-[0.8125rem] text-danger-soft-fg" role="alert">
              {errorsOf('hard').join(' ')}
            </p>
          )}
          <div>
            <Button variant="secondary" size="sm" onClick={() => change({ hard: [...v.hard, { resource: '', amount: '' }] })}>
              <Plus aria-hidden />
              Add limit
            </Button>
          </div>
        </CardBody>
      </Card>

      <Card aria-labelledby="sec-scopes">
        <CardHeader id="sec-scopes" title="Scopes" description="Count only the pods that match every chosen scope. None: everything counts." />
        <CardBody>
          <fieldset className="grid gap-2" aria-describedby="quota-scopes-error">
            <legend className="sr-only">Scopes</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {QUOTA_SCOPES.map((s) => (
                <label key={s.name} htmlFor={`scope-${s.name}`} className="flex items-start gap-3 rounded-md px-1 py-1 text-sm">
                  <input
                    id={`scope-${s.name}`}
                    type="checkbox"
                    checked={v.scopes.includes(s.name)}
                    onChange={(e) => {
                      change({ scopes: e.target.checked ? [...v.scopes, s.name] : v.scopes.filter((x) => x !== s.name) });
                      touch('scopes');
                    }}
                    className="mt-0.5 size-4 accent-[var(--primary)]"
                  />
                  <span>
                    <span className="font-mono text-[0.8125rem] font-medium">{s.name}</span>
                    <span className="block text-xs text-muted-fg">{s.help}</span>
                  </span>
                </label>
              ))}
            </div>
            <div id="quota-scopes-error" aria-live="polite" className={errorsOf('scopes').length ? 'grid gap-0.5' : 'sr-only'}>
              {errorsOf('scopes').map((e) => (
                <p key={e} className="text-[0.8125rem] text-danger-soft-fg">
                  {e}
                </p>
              ))}
            </div>
            {hasScopeSelector && <p className="text-[0.8125rem] text-muted-fg">This quota also has a scopeSelector, which is kept as it is (edit it with kubectl).</p>}
          </fieldset>
        </CardBody>
      </Card>

      <div className="flex items-center justify-end gap-2">
        <Link href={back} className={buttonClass('ghost')}>
          Cancel
        </Link>
        <Button type="submit" disabled={busy}>
          {mode === 'create' ? <Plus aria-hidden /> : <Save aria-hidden />}
          {busy ? 'Saving…' : mode === 'create' ? 'Create quota' : 'Save limits'}
        </Button>
      </div>
    </form>
  );
}
