'use client';

import { CircleAlert, Eye, Save, TriangleAlert } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useMemo, useRef, useState, useTransition } from 'react';
import { FormFailure } from '@/components/forms/form-failure';
import { KubeNameField } from '@/components/forms/kube-name-field';
import { useStaleEditForm } from '@/components/forms/use-stale-edit-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Field, fieldAria } from '@/components/ui/field';
import { Input, Select } from '@/components/ui/input';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { spaceNameProblem } from '@/components/spaces/space-name';
import { createTemplateAction, previewTemplateAction, saveTemplateAction, type TemplateActionResult } from '@/server/actions/templates';
import type { TemplateParameter } from '@/server/tenancy';
import { PreviewObject } from './preview-object';
import { validateTemplateYaml, type TemplateDiagnostic } from './validate-template-yaml';
import { YamlEditor, type YamlEditorHandle } from './yaml-editor';
import { locate, parseRendererPath, parseYaml, pathInTemplate } from './yaml-locate';

export interface TemplateWorkspaceProps {
  mode: 'edit' | 'new';
  name?: string;
  initialYaml: string;
  resourceVersion?: string;
  /** Accounts the person may preview for. */
  accounts: string[];
  /** Parameter values of the accounts that make this template mandatory, to preview with. */
  mandatory: { account: string; parameters: { name: string; value: string }[] }[];
}

type Preview = Extract<Awaited<ReturnType<typeof previewTemplateAction>>, { ok: true }>;

/** Where a message of the renderer or the API server points in the text, as a diagnostic (or none). */
function diagnosticAt(text: string, path: (string | number)[] | undefined, message: string): TemplateDiagnostic | undefined {
  if (!path) return undefined;
  const span = locate(parseYaml(text), path);
  return span ? { ...span, severity: 'error', message } : undefined;
}

function parametersOf(text: string): TemplateParameter[] {
  try {
    const r = validateTemplateYaml(text);
    if (!r.ok) return [];
    const list = r.template.parameters;
    return Array.isArray(list) ? (list as TemplateParameter[]).filter((p) => p && typeof p.name === 'string' && p.name) : [];
  } catch {
    return [];
  }
}

/**
 * The Template editor: YAML with schema checks at their lines, the parameters it declares, a preview of what it
 * renders for a space, and saving as the person (conditional on the version loaded).
 */
export function TemplateWorkspace({ mode, name, initialYaml, resourceVersion: loadedVersion, accounts, mandatory }: TemplateWorkspaceProps) {
  const router = useRouter();
  const editor = useRef<YamlEditorHandle>(null);
  // The text is what a stale edit compares: a conflict brings the cluster's current YAML to load instead.
  const form = useStaleEditForm({ initial: initialYaml, resourceVersion: loadedVersion });
  const { values: text, setValues: setText, failure, conflict, busy: saving } = form;
  const [saved, setSaved] = useState<string>();
  const [problems, setProblems] = useState<TemplateDiagnostic[]>(() => validateTemplateYaml(initialYaml, { expectName: name }).diagnostics);
  const [previewing, startPreview] = useTransition();
  const [preview, setPreview] = useState<TemplateActionResult<Preview>>();
  const firstAccount = mandatory[0]?.account ?? accounts[0] ?? '';
  const [account, setAccount] = useState(firstAccount);
  const [space, setSpace] = useState('preview-space');
  const [spaceTouched, setSpaceTouched] = useState(false);
  const [checkWithCluster, setCheckWithCluster] = useState(true);
  const declared = useMemo(() => parametersOf(text), [text]);
  const defaultsFor = (acct: string) => Object.fromEntries((mandatory.find((m) => m.account === acct)?.parameters ?? []).map((p) => [p.name, p.value]));
  const [values, setValues] = useState<Record<string, string>>(() => defaultsFor(firstAccount));

  const check = (t: string) => validateTemplateYaml(t, { expectName: name }).diagnostics;
  const errors = problems.filter((p) => p.severity === 'error');

  const showServerProblems = (r: TemplateActionResult<object>) => {
    if (r.ok) return editor.current?.setExtraDiagnostics([]);
    const fromCauses = (r.causes ?? []).map((c) => diagnosticAt(text, parseRendererPath(c.field), `${c.field}: ${c.message}`)).filter((d): d is TemplateDiagnostic => !!d);
    const fromMessage = r.diagnostics ? [] : [diagnosticAt(text, pathInTemplate(r.message), r.message)].filter((d): d is TemplateDiagnostic => !!d);
    editor.current?.setExtraDiagnostics([...fromCauses, ...fromMessage]);
  };

  const save = () => {
    setSaved(undefined);
    form.save(
      async (edit) => {
        const r = mode === 'new' ? await createTemplateAction({ yaml: edit.values }) : await saveTemplateAction({ name: name!, yaml: edit.values, resourceVersion: edit.resourceVersion });
        showServerProblems(r);
        return r;
      },
      (done) => {
        if ('name' in done) {
          setSaved('Opening it…');
          router.push(`/templates/${encodeURIComponent(done.name)}`);
          return;
        }
        setSaved(`The cluster now has version ${done.resourceVersion}. Instances with sync on re-apply it.`);
        router.refresh();
      },
    );
  };

  const runPreview = () =>
    startPreview(async () => {
      setPreview(undefined);
      const r = await previewTemplateAction({ yaml: text, name, account, space, check: checkWithCluster, parameters: declared.map((p) => ({ name: p.name, value: values[p.name] ?? '' })) });
      setPreview(r);
      showServerProblems(r);
    });

  const refusal = conflict ?? failure;
  const lineOf = (message: string) => diagnosticAt(text, pathInTemplate(message), message);
  const previewLine = preview && !preview.ok && !preview.fieldErrors && !preview.diagnostics ? lineOf(preview.message) : undefined;

  return (
    <div className="grid gap-6">
      <Card aria-labelledby="template-yaml-title">
        <CardHeader
          id="template-yaml-title"
          title="Template YAML"
          description="Checked against the Template schema as you type; problems are marked at their line."
          actions={
            <Button onClick={save} disabled={saving || errors.length > 0} data-testid="save-template">
              <Save aria-hidden />
              {saving ? 'Saving…' : mode === 'new' ? 'Create template' : 'Save'}
            </Button>
          }
        />
        <CardBody className="grid gap-3">
          <YamlEditor ref={editor} initial={initialYaml} label="Template YAML" check={check} onChange={setText} onDiagnostics={setProblems} describedBy="template-problems" />
          <div id="template-problems" aria-live="polite" data-testid="template-problems">
            {problems.length === 0 ? (
              <p className="text-[0.8125rem] text-muted-fg">No problems found.</p>
            ) : (
              <ul className="grid gap-1" aria-label="Problems">
                {problems.map((p, i) => (
                  <li key={`${p.from}-${i}`} className="flex items-start gap-2 text-[0.8125rem]">
                    {p.severity === 'error' ? <CircleAlert aria-hidden className="mt-0.5 size-3.5 shrink-0 text-danger-soft-fg" /> : <TriangleAlert aria-hidden className="mt-0.5 size-3.5 shrink-0 text-warning-soft-fg" />}
                    <button type="button" className="shrink-0 font-mono text-foreground underline underline-offset-2 hover:text-primary-text" onClick={() => editor.current?.goTo(p.from)}>
                      Line {p.line}
                    </button>
                    <span>
                      <span className="sr-only">{p.severity === 'error' ? 'Error: ' : 'Warning: '}</span>
                      {p.message}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </div>
          {saved && (
            <Alert tone="success" title={mode === 'new' ? 'Template created' : 'Saved'} data-testid="save-result">
              {saved}
            </Alert>
          )}
          {refusal && (
            <FormFailure
              title={mode === 'new' ? 'The template was not created' : 'The template was not saved'}
              failure={refusal}
              testId="save-result"
            />
          )}
          {conflict && (
            <section aria-labelledby="current-version-title" className="grid gap-2 rounded-md border border-border p-3" data-testid="conflict">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h3 id="current-version-title" className="text-sm font-semibold">
                  Current version in the cluster ({conflict.resourceVersion})
                </h3>
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() => {
                    const current = form.reload();
                    if (current !== undefined) editor.current?.setText(current);
                    setSaved(undefined);
                  }}
                >
                  Load the current version
                </Button>
              </div>
              <pre tabIndex={0} className="max-h-72 overflow-auto rounded bg-surface-muted p-3 font-mono text-xs">
                {conflict.values}
              </pre>
            </section>
          )}
        </CardBody>
      </Card>

      <Card aria-labelledby="template-parameters-title">
        <CardHeader id="template-parameters-title" title="Parameters" description="Declared in the YAML above; TemplateInstances and accounts give their values." />
        {declared.length === 0 ? (
          <CardBody>
            <p className="text-sm text-muted-fg">This template declares no parameters. Manifests can still use ${'{NAMESPACE}'} and ${'{ACCOUNT}'}.</p>
          </CardBody>
        ) : (
          <Table data-testid="parameters-table">
            <THead>
              <tr>
                <TH>Name</TH>
                <TH>Default</TH>
                <TH>Required</TH>
                <TH>Validation</TH>
              </tr>
            </THead>
            <TBody>
              {declared.map((p) => (
                <TR key={p.name}>
                  <TD className="font-mono">{p.name}</TD>
                  <TD className="font-mono">{p.value || <span className="text-muted-fg">none</span>}</TD>
                  <TD>{p.required ? 'yes' : 'no'}</TD>
                  <TD className="font-mono">{p.validation || <span className="text-muted-fg">any value</span>}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>

      <Card aria-labelledby="template-preview-title">
        <CardHeader id="template-preview-title" title="Preview" description="What a TemplateInstance of the text above would deploy into a space, rendered as the controller renders it. Nothing is changed." />
        <CardBody className="grid gap-4">
          {accounts.length === 0 ? (
            <Alert tone="info">You may not list accounts, so there is no account to preview for.</Alert>
          ) : (
            <form
              className="grid gap-4"
              onSubmit={(e) => {
                e.preventDefault();
                runPreview();
              }}
            >
              <div className="grid gap-4 sm:grid-cols-2">
                <Field id="preview-account" label="Account" error={preview && !preview.ok ? preview.fieldErrors?.account : undefined}>
                  <Select
                    id="preview-account"
                    value={account}
                    onChange={(e) => {
                      setAccount(e.target.value);
                      setValues(defaultsFor(e.target.value));
                    }}
                  >
                    {accounts.map((a) => (
                      <option key={a} value={a}>
                        {a}
                        {mandatory.some((m) => m.account === a) ? ' (mandatory)' : ''}
                      </option>
                    ))}
                  </Select>
                </Field>
                <KubeNameField
                  id="preview-space"
                  label="Space name"
                  className="max-w-none"
                  value={space}
                  errors={[...(spaceTouched ? [spaceNameProblem(space)].filter((p) => p !== undefined) : []), ...((preview && !preview.ok && preview.fieldErrors?.space) || [])]}
                  onChange={setSpace}
                  onTouch={() => setSpaceTouched(true)}
                />
              </div>
              {declared.length > 0 && (
                <fieldset className="grid gap-3 sm:grid-cols-2">
                  <legend className="mb-2 text-sm font-medium">Parameter values (empty: the default)</legend>
                  {declared.map((p) => (
                    <Field key={p.name} id={`preview-param-${p.name}`} label={p.name} description={p.required ? 'Required' : p.value ? `Default: ${p.value}` : undefined}>
                      <Input
                        id={`preview-param-${p.name}`}
                        value={values[p.name] ?? ''}
                        onChange={(e) => setValues((v) => ({ ...v, [p.name]: e.target.value }))}
                        autoComplete="off"
                        spellCheck={false}
                        {...fieldAria(`preview-param-${p.name}`, { description: !!(p.required || p.value) })}
                      />
                    </Field>
                  ))}
                </fieldset>
              )}
              <div className="grid gap-1.5">
                <label htmlFor="preview-check" className="flex items-start gap-3 text-sm">
                  <input
                    id="preview-check"
                    type="checkbox"
                    checked={checkWithCluster}
                    onChange={(e) => setCheckWithCluster(e.target.checked)}
                    className="mt-0.5 size-4 accent-[var(--primary)]"
                    aria-describedby="preview-check-description"
                  />
                  <span className="font-medium">Check with the API server</span>
                </label>
                <p id="preview-check-description" className="pl-7 text-[0.8125rem] text-muted-fg">
                  A dry run of each object into the space, as you: the cluster&apos;s schemas and admission checks answer, nothing is stored. Needs an
                  existing space.
                </p>
              </div>
              <div>
                <Button type="submit" variant="secondary" disabled={previewing || errors.length > 0}>
                  <Eye aria-hidden />
                  {previewing ? 'Rendering…' : 'Preview'}
                </Button>
              </div>
            </form>
          )}
          <div aria-live="polite" data-testid="preview-result">
            {preview && !preview.ok && (
              <Alert tone="danger" title="The template does not render">
                <p>{preview.message}</p>
                {previewLine && (
                  <p className="mt-1">
                    At{' '}
                    <button type="button" className="font-mono underline" onClick={() => editor.current?.goTo(previewLine.from)}>
                      line {previewLine.line}
                    </button>{' '}
                    of the template.
                  </p>
                )}
                {preview.hint && <p className="mt-1">{preview.hint}</p>}
              </Alert>
            )}
            {preview?.ok && (
              <div className="grid gap-3">
                <p className="text-sm">
                  {preview.objects.length === 0 ? 'It renders no objects.' : `${preview.objects.length} ${preview.objects.length === 1 ? 'object' : 'objects'} for space ${space} in account ${account}:`}
                </p>
                {preview.cluster && 'skipped' in preview.cluster && (
                  <Alert tone="info" title="Not checked with the API server">
                    <p>{preview.cluster.skipped}</p>
                  </Alert>
                )}
                {preview.objects.map((o) => (
                  <PreviewObject
                    key={o.label}
                    label={o.label}
                    yaml={o.yaml}
                    verdict={preview.cluster && 'checks' in preview.cluster ? preview.cluster.checks.find((c) => c.label === o.label) : undefined}
                  />
                ))}
                {preview.helm && (
                  <Alert tone="info" title="Helm chart not previewed">
                    <p>{preview.helm.note}</p>
                    {preview.helm.values && <pre className="mt-2 overflow-auto rounded bg-surface-muted p-2 font-mono text-xs">{preview.helm.values}</pre>}
                  </Alert>
                )}
              </div>
            )}
          </div>
        </CardBody>
      </Card>
    </div>
  );
}
