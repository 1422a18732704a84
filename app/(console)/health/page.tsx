import type { Metadata } from 'next';
import { ReadFailure } from '@/components/shell/read-failure';
import { HealthCheckCard, LevelPill } from '@/components/health/health-check-card';
import { PageHeader } from '@/components/ui/page-header';
import { requireCaller } from '@/server/auth/session';
import { controllerHealth } from '@/server/queries/controller-health';

export const metadata: Metadata = { title: 'Health · Atrium' };

const HEADLINE = {
  ok: 'Everything Atrium needs is working.',
  warn: 'Atrium works, with something to look at.',
  fail: 'Tenants are affected: start with the red checks.',
  unknown: 'Some checks could not be read.',
} as const;

export default async function HealthPage() {
  const caller = await requireCaller('/health');
  const health = await controllerHealth(caller);
  if (!health.ok) return <ReadFailure title="Health" failure={health} notAllowed="You may not see the cluster's health" failed="The cluster's health could not be read" username={caller.person.username} />;
  return (
    <>
      <PageHeader
        title="Health"
        description={`What an on-call admin checks first, read as you at ${new Date(health.readAt).toISOString().slice(11, 19)} UTC. Reload for fresh values.`}
        actions={<LevelPill level={health.overall} testId="overall-health" />}
      />
      <p className="mb-4 text-sm" data-testid="health-headline">
        {HEADLINE[health.overall]}
      </p>
      <ul className="grid gap-3" aria-label="Health checks">
        {health.checks.map((c) => (
          <li key={c.id}>
            <HealthCheckCard check={c} />
          </li>
        ))}
      </ul>
    </>
  );
}
