import { Filter } from 'lucide-react';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { AUDIT_DEFAULT_DAYS, auditHref, OUTCOMES, type AuditParam, type AuditParams, type AuditQuery } from '@/server/queries/audit-query';

const TEXT_FIELDS: { name: AuditParam; label: string; placeholder: string }[] = [
  { name: 'q', label: 'Search', placeholder: 'Target or message' },
  { name: 'actor', label: 'Actor', placeholder: 'e.g. alice' },
  { name: 'action', label: 'Action', placeholder: 'e.g. space.create' },
  { name: 'account', label: 'Account', placeholder: 'Account name' },
  { name: 'space', label: 'Space', placeholder: 'Space name' },
];

/**
 * The filters as a plain GET form: works without JavaScript, and the URL is the filter (shareable, exportable).
 * Without dates the page shows the last AUDIT_DEFAULT_DAYS days (From is filled in to say so); all time is one link.
 */
export function AuditFilters({ params, range }: { params: AuditParams; range: AuditQuery['range'] }) {
  // The other filters, without any range: what the range links keep.
  const rest = Object.fromEntries(Object.entries(params).filter(([k]) => k !== 'from' && k !== 'to' && k !== 'all')) as AuditParams;
  return (
    <form method="get" action="/audit" role="search" aria-label="Filter audit events" className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {TEXT_FIELDS.map((f) => (
        <div key={f.name} className="grid gap-1.5">
          <Label htmlFor={`audit-${f.name}`}>{f.label}</Label>
          <Input id={`audit-${f.name}`} name={f.name} defaultValue={params[f.name] ?? ''} placeholder={f.placeholder} maxLength={256} />
        </div>
      ))}
      <div className="grid gap-1.5">
        <Label htmlFor="audit-outcome">Outcome</Label>
        <Select id="audit-outcome" name="outcome" defaultValue={params.outcome ?? ''}>
          <option value="">Any</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </Select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-from">From (UTC day)</Label>
        <Input id="audit-from" name="from" type="date" defaultValue={params.from ?? ''} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-to">To (UTC day, included)</Label>
        <Input id="audit-to" name="to" type="date" defaultValue={params.to ?? ''} />
      </div>
      <p className="text-[0.8125rem] text-muted-fg sm:col-span-2 lg:col-span-4" data-testid="audit-range">
        {range === 'all' ? (
          <>
            <input type="hidden" name="all" value="1" />
            Showing all time.{' '}
            <Link href={auditHref('/audit', rest)} className="text-primary underline">
              Last {AUDIT_DEFAULT_DAYS} days only
            </Link>
          </>
        ) : (
          <>
            {range === 'recent' ? `Showing the last ${AUDIT_DEFAULT_DAYS} days (leave From and To empty for this).` : 'Showing the chosen days.'}{' '}
            <Link href={auditHref('/audit', { ...rest, all: '1' })} className="text-primary underline">
              Search all time
            </Link>
          </>
        )}
      </p>
      <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-4">
        <button type="submit" className={buttonClass('primary', 'sm')}>
          <Filter aria-hidden />
          Apply filters
        </button>
        <Link href="/audit" className={buttonClass('ghost', 'sm')}>
          Clear
        </Link>
      </div>
    </form>
  );
}
