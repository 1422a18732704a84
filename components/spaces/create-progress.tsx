'use client';

import { useQuery } from '@tanstack/react-query';
import { ArrowRight } from 'lucide-react';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClass } from '@/components/ui/button';
import { ProgressList, type Step } from '@/components/ui/progress-list';
import type { SpaceProgress } from '@/server/queries/spaces';
import { fetchJson } from './fetch-json';

export interface CreateRun {
  name: string;
  account: string;
  mandatory: { name: string; template: string }[];
  optional: string[];
  create: { state: 'running' } | { state: 'done' } | { state: 'failed'; message: string; hint?: string };
  /** Optional templates: the action's answer for each (sent, or refused with the cluster's words). */
  sent: Record<string, { ok: true } | { ok: false; message: string; hint?: string }>;
}

export const progressKey = (name: string) => ['space-progress', name] as const;

/**
 * Live progress of a space coming up. While the create request runs, the controller deploys the mandatory
 * templates (the person cannot see the space until they are done, so they show as in progress); afterwards the
 * optional templates are followed through their TemplateInstance status until each is Deployed or Failed.
 */
export function CreateProgress({ run, onBack, onAnother }: { run: CreateRun; onBack: () => void; onAnother: () => void }) {
  const created = run.create.state === 'done';
  const optionalSettled = (p?: SpaceProgress) =>
    run.optional.every((t) => {
      const s = run.sent[t];
      if (s && !s.ok) return true;
      const ti = p?.templates.find((x) => x.name === t);
      return ti?.status === 'Deployed' || ti?.status === 'Failed';
    });
  const { data } = useQuery({
    queryKey: progressKey(run.name),
    queryFn: () => fetchJson<SpaceProgress>(`/api/spaces/${encodeURIComponent(run.name)}/status`),
    refetchInterval: (q) => (run.create.state === 'failed' || (created && q.state.data?.visible && optionalSettled(q.state.data)) ? false : 1000),
    staleTime: 0,
  });

  const failedTemplate = run.create.state === 'failed' ? /TemplateInstance '([^']+)'/.exec(run.create.message)?.[1] : undefined;
  const steps: Step[] = [
    {
      id: 'space',
      title: (
        <>
          Create space <strong className="font-mono font-medium">{run.name}</strong> in {run.account}
        </>
      ),
      state: run.create.state === 'running' ? 'running' : run.create.state === 'done' ? 'done' : failedTemplate ? 'skipped' : 'failed',
      detail: run.create.state === 'running' ? (run.mandatory.length ? 'Waiting for the required templates' : undefined) : failedTemplate ? 'Rolled back: nothing was left behind' : undefined,
    },
    ...run.mandatory.map((m): Step => {
      const ti = data?.templates.find((t) => t.name === m.name);
      if (run.create.state === 'failed') {
        return failedTemplate === m.name
          ? { id: `tpl-${m.name}`, title: <>Required template <span className="font-mono">{m.template}</span></>, state: 'failed', detail: run.create.message }
          : { id: `tpl-${m.name}`, title: <>Required template <span className="font-mono">{m.template}</span></>, state: 'skipped' };
      }
      return {
        id: `tpl-${m.name}`,
        title: <>Required template <span className="font-mono">{m.template}</span></>,
        state: created || ti?.status === 'Deployed' ? 'done' : 'running',
        detail: created ? 'Deployed' : 'Deploying',
      };
    }),
    ...run.optional.map((t): Step => {
      const sent = run.sent[t];
      const ti = data?.templates.find((x) => x.name === t);
      const title = <>Template <span className="font-mono">{t}</span></>;
      if (!created) return { id: `tpl-${t}`, title, state: run.create.state === 'failed' ? 'skipped' : 'pending' };
      if (sent && !sent.ok) return { id: `tpl-${t}`, title, state: 'failed', detail: [sent.message, sent.hint].filter(Boolean).join(' ') };
      if (ti?.status === 'Deployed') return { id: `tpl-${t}`, title, state: 'done', detail: 'Deployed' };
      if (ti?.status === 'Failed') return { id: `tpl-${t}`, title, state: 'failed', detail: `${ti.reason ?? 'Failed'}: ${ti.message ?? ''}` };
      return { id: `tpl-${t}`, title, state: 'running', detail: 'Deploying' };
    }),
  ];

  const ready = created && optionalSettled(data);
  const anyFailed = steps.some((s) => s.state === 'failed');
  return (
    <div className="grid gap-5">
      <ProgressList steps={steps} label={`Creating space ${run.name}`} />
      {run.create.state === 'failed' && (
        <Alert tone="danger" title="The space was not created" data-testid="create-error">
          <p>{run.create.message}</p>
          {run.create.hint && <p className="mt-1">{run.create.hint}</p>}
        </Alert>
      )}
      {ready && (
        <Alert tone={anyFailed ? 'warning' : 'success'} title={anyFailed ? `Space ${run.name} is ready, but a template failed` : `Space ${run.name} is ready`} data-testid="create-done">
          {anyFailed ? 'The space works; the failed template can be applied again from the space page once its problem is fixed.' : 'Deploy into it with kubectl, or open it here to watch its workloads.'}
        </Alert>
      )}
      <div className="flex flex-wrap gap-2">
        {ready && (
          <Link href={`/spaces/${encodeURIComponent(run.name)}`} className={buttonClass('primary')}>
            Open space
            <ArrowRight aria-hidden />
          </Link>
        )}
        {ready && (
          <Button variant="secondary" onClick={onAnother}>
            Create another
          </Button>
        )}
        {run.create.state === 'failed' && (
          <Button variant="secondary" onClick={onBack}>
            Back to the form
          </Button>
        )}
      </div>
    </div>
  );
}
