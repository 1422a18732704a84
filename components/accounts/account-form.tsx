'use client';

import { Plus, Save, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClass } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Field, fieldAria } from '@/components/ui/field';
import { Input, Select, inputClass } from '@/components/ui/input';
import { cn } from '@/components/ui/cn';
import { ConflictNotice } from '@/components/forms/conflict-notice';
import { FormFailure } from '@/components/forms/form-failure';
import { KubeNameCard } from '@/components/forms/kube-name-field';
import { useStaleEditForm } from '@/components/forms/use-stale-edit-form';
import type { TemplatesOffer } from '@/components/spaces/template-choice';
import { createAccountAction, updateAccountAction } from '@/server/actions/accounts';
import { accountFormProblems, accountSummary, type AccountFormValues, type MandatoryTemplateRow, type SubjectKind } from './account-form-model';

const ROLES = [
  { value: '__default__', label: 'admin (the default)' },
  { value: 'kiosk-space-admin', label: 'kiosk-space-admin (admin, and may delete spaces)' },
  { value: 'edit', label: 'edit' },
  { value: 'view', label: 'view' },
  { value: '__none__', label: 'No role binding' },
  { value: '__other__', label: 'Another ClusterRole…' },
];
const KNOWN_ROLES = new Set(['kiosk-space-admin', 'edit', 'view']);
/** A ClusterRole the role list does not offer, typed by the admin. */
const isOtherRole = (role: string | null) => role !== null && role !== '' && role !== 'admin' && !KNOWN_ROLES.has(role);

/**
 * Create or edit an Account. Checks run as the person types, with the same code the server action and the
 * controller's webhook run; an edit carries the resourceVersion it was loaded at and never overwrites a newer one.
 */
export function AccountForm({ mode, initial, resourceVersion: loadedVersion, templates, spaces }: {
  mode: 'create' | 'edit';
  initial: AccountFormValues;
  resourceVersion?: string;
  templates: TemplatesOffer;
  /** Spaces the account owns now (edit). */
  spaces?: number;
}) {
  const router = useRouter();
  const [otherRole, setOtherRole] = useState(isOtherRole(initial.clusterRole));
  const defsOf = (v: AccountFormValues) => (templates.allowed ? Object.fromEntries(templates.templates.map((t) => [t.name, t.parameters])) : Object.fromEntries(v.templates.map((t) => [t.template, []])));
  const form = useStaleEditForm({
    initial,
    resourceVersion: loadedVersion,
    invalid: 'Some values need fixing before the account can be saved.',
    problems: (v) => {
      const problems = accountFormProblems(v, defsOf(v), { checkName: mode === 'create' });
      if (otherRole && !v.clusterRole) problems.clusterRole = ['Type the name of the ClusterRole.'];
      return problems;
    },
  });
  const { values: v, change, errorsOf, touch, failure, conflict, busy } = form;
  const defs = defsOf(v);
  const setSubject = (i: number, s: Partial<{ kind: SubjectKind; name: string }>) => change({ subjects: v.subjects.map((x, j) => (j === i ? { ...x, ...s } : x)) });
  const setTemplate = (i: number, t: Partial<MandatoryTemplateRow>) => change({ templates: v.templates.map((x, j) => (j === i ? { ...x, ...t } : x)) });

  const submit = () =>
    form.save(
      async (edit) =>
        mode === 'create'
          ? await createAccountAction(edit.values)
          : await updateAccountAction({ name: edit.values.name, resourceVersion: edit.resourceVersion, initial: edit.base, values: edit.values }),
      (done) => {
        router.push(`/accounts/${encodeURIComponent('name' in done ? done.name : v.name)}`);
        router.refresh();
      },
    );

  const roleValue = v.clusterRole === null ? '__default__' : otherRole ? '__other__' : v.clusterRole === '' ? '__none__' : v.clusterRole === 'admin' ? '__default__' : v.clusterRole;
  const available = templates.allowed ? templates.templates : [];

  return (
    <form
      noValidate
      className="grid gap-6"
      aria-label={mode === 'create' ? 'New account' : `Edit account ${v.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {conflict && (
        <ConflictNotice
          what="account"
          message={conflict.message}
          hint={conflict.hint}
          mine={accountSummary(v)}
          current={accountSummary(conflict.values)}
          onReload={() => {
            const current = form.reload();
            if (current) setOtherRole(isOtherRole(current.clusterRole));
          }}
        />
      )}
      {failure && <FormFailure title={mode === 'create' ? 'The account was not created' : 'The account was not saved'} failure={failure} />}

      {mode === 'create' && (
        <KubeNameCard
          sectionId="sec-name"
          id="account-name"
          label="Account name"
          description="Cluster-wide and permanent: lowercase letters, digits, “-” and “.”."
          placeholder="team-a"
          {...form.textField('name')}
        />
      )}

      <Card aria-labelledby="sec-members">
        <CardHeader id="sec-members" title="Members" description="Users, groups and service accounts who may create and use the account's spaces." />
        <CardBody className="grid gap-3">
          {v.subjects.length === 0 && <p className="text-[0.8125rem] text-muted-fg">No members: nobody but cluster admins can use this account.</p>}
          {v.subjects.map((s, i) => {
            const key = `subjects.${i}`;
            const errs = errorsOf(key);
            return (
              <fieldset key={i} className="grid gap-1.5" data-testid="subject-row">
                <legend className="sr-only">Member {i + 1}</legend>
                <div className="flex flex-wrap items-start gap-2">
                  <label htmlFor={`subject-${i}-kind`} className="sr-only">
                    Kind of member {i + 1}
                  </label>
                  <Select id={`subject-${i}-kind`} value={s.kind} className="w-44" onChange={(e) => setSubject(i, { kind: e.target.value as SubjectKind })}>
                    <option value="User">User</option>
                    <option value="Group">Group</option>
                    <option value="ServiceAccount">ServiceAccount</option>
                  </Select>
                  <label htmlFor={`subject-${i}-name`} className="sr-only">
                    Name of member {i + 1}
                  </label>
                  <Input
                    id={`subject-${i}-name`}
                    value={s.name}
                    className="min-w-48 flex-1 font-mono"
                    autoComplete="off"
                    spellCheck={false}
                    autoCapitalize="off"
                    placeholder={s.kind === 'ServiceAccount' ? 'namespace/name' : s.kind === 'Group' ? 'team-a' : 'jane@example.com'}
                    onChange={(e) => setSubject(i, { name: e.target.value })}
                    onBlur={() => touch(key)}
                    {...fieldAria(`subject-${i}`, { error: errs.length })}
                  />
                  <Button variant="ghost" size="icon" aria-label={`Remove member ${i + 1}`} onClick={() => change({ subjects: v.subjects.filter((_, j) => j !== i) })}>
                    <Trash2 aria-hidden />
                  </Button>
                </div>
                <div id={`subject-${i}-error`} aria-live="polite" className={errs.length ? 'grid gap-0.5' : 'sr-only'}>
                  {errs.map((e) => (
                    <p key={e} className="text-[0.8125rem] text-danger-soft-fg">
                      {e}
                    </p>
                  ))}
                </div>
              </fieldset>
            );
          })}
          <div>
            <Button variant="secondary" size="sm" onClick={() => change({ subjects: [...v.subjects, { kind: 'User', name: '' }] })}>
              <Plus aria-hidden />
              Add member
            </Button>
          </div>
        </CardBody>
      </Card>

      <Card aria-labelledby="sec-spaces">
        <CardHeader id="sec-spaces" title="Spaces" description="How many spaces the account may own and what its members may do in them." />
        <CardBody className="grid gap-5">
          <Field id="account-limit" label="Space limit" optional description="Most spaces the account may own at once; empty for no limit." error={errorsOf('limit')} className="max-w-xs">
            <Input
              id="account-limit"
              inputMode="numeric"
              value={v.limit}
              placeholder="no limit"
              onChange={(e) => {
                change({ limit: e.target.value });
                touch('limit');
              }}
              {...fieldAria('account-limit', { description: true, error: errorsOf('limit').length })}
            />
          </Field>
          <Field id="account-role" label="Members' role in each space" description="The ClusterRole bound to the members in every new space of the account." error={errorsOf('clusterRole')} className="max-w-md">
            <Select
              id="account-role"
              value={roleValue}
              onChange={(e) => {
                const x = e.target.value;
                setOtherRole(x === '__other__');
                change({ clusterRole: x === '__default__' ? null : x === '__none__' ? '' : x === '__other__' ? '' : x });
              }}
              {...fieldAria('account-role', { description: true, error: errorsOf('clusterRole').length })}
            >
              {ROLES.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </Select>
          </Field>
          {otherRole && (
            <Field id="account-role-name" label="ClusterRole name" className="max-w-md" error={errorsOf('clusterRole')}>
              <Input id="account-role-name" value={v.clusterRole ?? ''} className="font-mono" autoComplete="off" spellCheck={false} onChange={(e) => change({ clusterRole: e.target.value })} />
            </Field>
          )}
          <div className="grid gap-1.5">
            <label htmlFor="account-cascade" className="flex items-start gap-3 text-sm">
              <input
                id="account-cascade"
                type="checkbox"
                checked={v.deleteSpacesOnAccountDeletion}
                onChange={(e) => change({ deleteSpacesOnAccountDeletion: e.target.checked })}
                className="mt-0.5 size-4 accent-[var(--primary)]"
                aria-describedby="account-cascade-description"
              />
              <span className="font-medium">Delete the spaces when the account is deleted</span>
            </label>
            <p id="account-cascade-description" className="pl-7 text-[0.8125rem] text-muted-fg">
              Off (the default, as in Kiosk): deleting the account keeps its spaces and everything in them; only the members&apos; access goes. On: the
              spaces and all their contents are deleted with it (<code className="font-mono">spec.space.deleteSpacesOnAccountDeletion</code>).
              {mode === 'edit' && spaces !== undefined && ` The account owns ${spaces} ${spaces === 1 ? 'space' : 'spaces'} now.`}
            </p>
          </div>
        </CardBody>
      </Card>

      <Card aria-labelledby="sec-metadata">
        <CardHeader id="sec-metadata" title="Space labels and annotations" description="Set on every space of the account (spaceTemplate); members cannot change them." />
        <CardBody className="grid gap-5 md:grid-cols-2">
          {(['labels', 'annotations'] as const).map((what) => (
            <Field key={what} id={`account-${what}`} label={what === 'labels' ? 'Labels' : 'Annotations'} optional description="One key=value per line." error={errorsOf(what)}>
              <textarea
                id={`account-${what}`}
                value={v[what]}
                rows={4}
                spellCheck={false}
                placeholder={what === 'labels' ? 'team=a\ncost-center=42' : 'example.com/owner=team-a'}
                className={cn(inputClass, 'h-auto py-2 font-mono text-[0.8125rem]')}
                onChange={(e) => change({ [what]: e.target.value })}
                onBlur={() => touch(what)}
                {...fieldAria(`account-${what}`, { description: true, error: errorsOf(what).length })}
              />
            </Field>
          ))}
        </CardBody>
      </Card>

      <Card aria-labelledby="sec-templates">
        <CardHeader id="sec-templates" title="Mandatory templates" description="Deployed into every new space of the account before its members get it." />
        <CardBody className="grid gap-4">
          {!templates.allowed && (
            <Alert tone="info" title="The cluster's Templates could not be listed for you">
              {templates.message} Existing entries are kept; type a Template&apos;s name to add one.
            </Alert>
          )}
          {v.templates.length === 0 && <p className="text-[0.8125rem] text-muted-fg">None: new spaces start empty.</p>}
          {v.templates.map((t, i) => {
            const key = `templates.${i}`;
            const params = defs[t.template] ?? [];
            return (
              <div key={i} className="grid gap-3 rounded-md border border-border-strong p-3.5" data-testid="template-row">
                <div className="flex flex-wrap items-end gap-3">
                  <Field id={`template-${i}`} label={`Template ${i + 1}`} error={errorsOf(key)} className="min-w-56 flex-1">
                    {templates.allowed ? (
                      <Select
                        id={`template-${i}`}
                        value={t.template}
                        className="font-mono"
                        onChange={(e) => {
                          const def = available.find((x) => x.name === e.target.value);
                          setTemplate(i, { template: e.target.value, parameters: Object.fromEntries((def?.parameters ?? []).map((p) => [p.name, p.value ?? ''])) });
                        }}
                        {...fieldAria(`template-${i}`, { error: errorsOf(key).length })}
                      >
                        <option value="">Choose a template…</option>
                        {t.template && !available.some((x) => x.name === t.template) && <option value={t.template}>{t.template} (missing)</option>}
                        {available.map((x) => (
                          <option key={x.name} value={x.name}>
                            {x.name}
                          </option>
                        ))}
                      </Select>
                    ) : (
                      <Input id={`template-${i}`} value={t.template} className="font-mono" onChange={(e) => setTemplate(i, { template: e.target.value })} {...fieldAria(`template-${i}`, { error: errorsOf(key).length })} />
                    )}
                  </Field>
                  <label htmlFor={`template-${i}-sync`} className="flex h-9 items-center gap-2 text-sm">
                    <input id={`template-${i}-sync`} type="checkbox" checked={t.sync} onChange={(e) => setTemplate(i, { sync: e.target.checked })} className="size-4 accent-[var(--primary)]" />
                    Keep in sync with the template
                  </label>
                  <Button variant="ghost" size="icon" aria-label={`Remove template ${i + 1}`} onClick={() => change({ templates: v.templates.filter((_, j) => j !== i) })}>
                    <Trash2 aria-hidden />
                  </Button>
                </div>
                {params.length > 0 && (
                  <div className="grid gap-3 border-t border-border pt-3 sm:grid-cols-2">
                    {params.map((p) => {
                      const pid = `template-${i}-param-${p.name}`;
                      const err = errorsOf(`${key}.${p.name}`);
                      const description = [p.value ? `Default ${p.value}` : '', p.validation ? `Must match ${p.validation}` : ''].filter(Boolean).join(' · ');
                      return (
                        <Field key={p.name} id={pid} label={<span className="font-mono text-[0.8125rem]">{p.name}</span>} optional={!p.required} description={description || undefined} error={err}>
                          <Input
                            id={pid}
                            value={t.parameters[p.name] ?? ''}
                            onChange={(e) => {
                              setTemplate(i, { parameters: { ...t.parameters, [p.name]: e.target.value } });
                              touch(`${key}.${p.name}`);
                            }}
                            {...fieldAria(pid, { description: !!description, error: err.length })}
                          />
                        </Field>
                      );
                    })}
                  </div>
                )}
              </div>
            );
          })}
          <div>
            <Button variant="secondary" size="sm" onClick={() => change({ templates: [...v.templates, { template: '', sync: false, parameters: {} }] })}>
              <Plus aria-hidden />
              Add template
            </Button>
          </div>
        </CardBody>
      </Card>

      <div className="flex items-center justify-end gap-2">
        <Link href={mode === 'create' ? '/accounts' : `/accounts/${encodeURIComponent(v.name)}`} className={buttonClass('ghost')}>
          Cancel
        </Link>
        <Button type="submit" disabled={busy}>
          {mode === 'create' ? <Plus aria-hidden /> : <Save aria-hidden />}
          {busy ? 'Saving…' : mode === 'create' ? 'Create account' : 'Save changes'}
        </Button>
      </div>
    </form>
  );
}
