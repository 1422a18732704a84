import { Card, CardBody, CardHeader } from '@/components/ui/card';
import type { QuotaView } from '@/server/queries/quota-usage-view';
import { formatAmount, formatPercent } from './format-amount';

/**
 * "This space's share of its account's quotas", for the space page: for each quota resource, what this space uses
 * against the account-wide limit and against what the whole account uses. Feed it getAccountUsage(...).usage.quotas.
 */
export function SpaceQuotaShare({ space, quotas }: { space: string; quotas: QuotaView[] }) {
  const lines = quotas.flatMap((q) =>
    q.resources.map((r) => {
      const mine = q.spaces.find((s) => s.space === space)?.used[r.resource]?.value ?? 0;
      return { key: `${q.name}/${r.resource}`, quota: q.name, r, mine, ofHard: r.hardValue > 0 ? mine / r.hardValue : 0, ofUsed: r.usedValue > 0 ? mine / r.usedValue : 0 };
    }),
  );
  return (
    <Card aria-labelledby="space-quota-share" data-testid="space-quota-share">
      <CardHeader id="space-quota-share" title="Share of the account's quotas" description="What this space uses of limits it shares with the account's other spaces." />
      <CardBody>
        {lines.length === 0 ? (
          <p className="text-[0.8125rem] text-muted-fg">The account has no quotas.</p>
        ) : (
          <ul className="grid gap-3">
            {lines.map((l) => (
              <li key={l.key} className="grid gap-1">
                <div className="flex items-baseline justify-between gap-3 text-[0.8125rem]">
                  <span className="truncate font-mono">{l.r.resource}</span>
                  <span className="tabular-nums">
                    {formatAmount(l.r.resource, l.mine)} <span className="text-muted-fg">of {l.r.hard} · {formatPercent(l.ofUsed)} of the account&apos;s use</span>
                  </span>
                </div>
                <div
                  role="meter"
                  aria-label={`${l.r.resource}: this space's share`}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={Math.round(l.ofHard * 100)}
                  aria-valuetext={`This space uses ${formatAmount(l.r.resource, l.mine)}, the account ${l.r.used}, of ${l.r.hard}`}
                  className="relative h-2 overflow-hidden rounded-full bg-surface-muted"
                >
                  {/* the account's use behind, this space's in front */}
                  <div className="absolute inset-y-0 left-0 bg-primary/30" style={{ width: `${Math.min(1, l.r.fraction) * 100}%` }} />
                  <div className="absolute inset-y-0 left-0 bg-primary" style={{ width: `${Math.min(1, l.ofHard) * 100}%` }} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}
