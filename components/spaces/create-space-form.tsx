'use client';

import { Plus } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button, buttonClass } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { FormFailure } from '@/components/forms/form-failure';
import { KubeNameField } from '@/components/forms/kube-name-field';
import { createSpaceAction, instantiateTemplateAction } from '@/server/actions/spaces';
import type { MyAccount } from '@/server/queries/accounts';
import { AccountChoice } from './account-choice';
import { CreateProgress, type CreateRun } from './create-progress';
import { spaceNameProblem } from './space-name';
import { TemplateChoice, type ChosenTemplates, type TemplatesOffer } from './template-choice';
import { paramProblems, paramsToSend } from './template-params';

/** Create a space: account, name (checked as a DNS label while typing), templates; then live progress. */
export function CreateSpaceForm({ accounts, templates, initialAccount }: { accounts: MyAccount[]; templates: TemplatesOffer; initialAccount?: string }) {
  const router = useRouter();
  const [account, setAccount] = useState(initialAccount && accounts.some((a) => a.name === initialAccount) ? initialAccount : accounts.length === 1 ? accounts[0]!.name : '');
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const [chosen, setChosen] = useState<ChosenTemplates>({});
  const [failure, setFailure] = useState<{ message: string; hint?: string; fieldErrors?: Record<string, string[]> }>();
  const [showParamProblems, setShowParamProblems] = useState(false);
  const [run, setRun] = useState<CreateRun>();

  const current = accounts.find((a) => a.name === account);
  const mandatory = current?.mandatoryTemplates ?? [];
  const nameProblem = spaceNameProblem(name);
  const problems = Object.fromEntries(
    Object.entries(chosen).map(([t, values]) => {
      const defs = templates.allowed ? (templates.templates.find((x) => x.name === t)?.parameters ?? []) : [];
      return [t, paramProblems(defs, values)];
    }),
  );
  const paramsOk = Object.values(problems).every((p) => Object.keys(p).length === 0);
  const nameErrors = [...(touched && nameProblem ? [nameProblem] : []), ...(failure?.fieldErrors?.name ?? [])];

  async function submit() {
    setTouched(true);
    setShowParamProblems(true);
    if (nameProblem || !account || !paramsOk) return;
    setFailure(undefined);
    const optional = Object.keys(chosen).filter((t) => !mandatory.some((m) => m.template === t));
    const started: CreateRun = { name, account, mandatory, optional, create: { state: 'running' }, sent: {} };
    setRun(started);
    const result = await createSpaceAction({ name, account });
    if (!result.ok) {
      if (/TemplateInstance '/.test(result.message)) {
        setRun({ ...started, create: { state: 'failed', message: result.message, hint: result.hint } });
      } else {
        setRun(undefined);
        setFailure(result);
      }
      return;
    }
    const sent: CreateRun['sent'] = {};
    setRun({ ...started, create: { state: 'done' }, sent });
    for (const t of optional) {
      const r = await instantiateTemplateAction({ space: name, template: t, parameters: paramsToSend(chosen[t] ?? {}) });
      sent[t] = r.ok ? { ok: true } : { ok: false, message: r.message, hint: r.hint };
      setRun({ ...started, create: { state: 'done' }, sent: { ...sent } });
    }
    router.refresh();
  }

  if (run) {
    return (
      <Card aria-labelledby="progress-title">
        <CardHeader
          id="progress-title"
          title={run.create.state === 'done' ? `Created ${run.name}` : run.create.state === 'failed' ? `Could not create ${run.name}` : `Creating ${run.name}`}
          description={`In account ${run.account}.${run.create.state === 'running' ? " This takes a few seconds while the account's templates are deployed." : ''}`}
        />
        <CardBody>
          <CreateProgress
            run={run}
            onBack={() => setRun(undefined)}
            onAnother={() => {
              setRun(undefined);
              setName('');
              setTouched(false);
              setChosen({});
            }}
          />
        </CardBody>
      </Card>
    );
  }

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      className="grid gap-6"
      aria-labelledby="create-title"
    >
      {failure && <FormFailure title="The cluster refused to create the space" failure={failure} testId="create-error" />}
      <Card>
        <CardBody className="grid gap-6 py-5">
          <AccountChoice accounts={accounts} value={account} onChange={setAccount} error={touched && !account ? ['Choose the account the space belongs to.'] : failure?.fieldErrors?.account} />
          <KubeNameField
            id="space-name"
            label="Name"
            description="Lowercase letters, digits and “-”, up to 63 characters. It becomes the namespace name, for kubectl -n."
            value={name}
            errors={nameErrors}
            name="name"
            placeholder="team-a-dev"
            maxLength={80}
            required
            onChange={(value) => {
              setName(value);
              if (failure?.fieldErrors?.name) setFailure({ ...failure, fieldErrors: { ...failure.fieldErrors, name: [] } });
            }}
            onTouch={() => setTouched(true)}
          />
          {account && <TemplateChoice offer={templates} mandatory={mandatory} account={account} chosen={chosen} onChange={setChosen} problems={showParamProblems ? problems : {}} />}
        </CardBody>
        <div className="flex items-center justify-end gap-2 border-t border-border px-5 py-3.5">
          <Link href="/spaces" className={buttonClass('ghost')}>
            Cancel
          </Link>
          <Button type="submit">
            <Plus aria-hidden />
            Create space
          </Button>
        </div>
      </Card>
    </form>
  );
}
