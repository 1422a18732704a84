import { Filter } from 'lucide-react';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { OUTCOMES, type AuditParam, type AuditParams } from '@/server/queries/audit-query';

const TEXT_FIELDS: { name: AuditParam; label: string; placeholder: string }[] = [
  { name: 'q', label: 'Search', placeholder: 'Target or message' },
  { name: 'actor', label: 'Actor', placeholder: 'e.g. alice' },
  { name: 'action', label: 'Action', placeholder: 'e.g. space.create' },
  { name: 'account', label: 'Account', placeholder: 'Account name' },
  { name: 'space', label: 'Space', placeholder: 'Space name' },
];

/** The filters as a plain GET form: works without JavaScript, and the URL is the filter (shareable, exportable). */
export function AuditFilters({ params }: { params: AuditParams }) {
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
