import { ShieldAlert, ShieldCheck, ShieldQuestion } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import type { AuditVerificationRecord } from '@/server/audit';

/** The last run of the chain verifier (npm run audit:verify), as recorded in the database. */
export function ChainBadge({ last }: { last: AuditVerificationRecord | null }) {
  if (!last) {
    return (
      <Badge tone="neutral" data-testid="chain-badge">
        <ShieldQuestion aria-hidden className="size-3.5" />
        Not verified yet — run <code className="font-mono">npm run audit:verify</code>
      </Badge>
    );
  }
  const at = last.at.toISOString().replace('T', ' ').slice(0, 19);
  if (!last.ok) {
    return (
      <Badge tone="danger" data-testid="chain-badge">
        <ShieldAlert aria-hidden className="size-3.5" />
        Chain broken at event {last.brokenSeq ?? '?'} (checked {at} UTC)
      </Badge>
    );
  }
  return (
    <Badge tone="success" data-testid="chain-badge">
      <ShieldCheck aria-hidden className="size-3.5" />
      Chain verified {last.checked.toLocaleString('en')} events at {at} UTC
    </Badge>
  );
}
