import Link from 'next/link';
import { formatAge } from '@/components/ui/format-age';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { MyAccount } from '@/server/queries/accounts';
import type { SpaceRow } from '@/server/queries/space-list';
import { AccountUsage } from './account-usage';
import { SpacePhase } from './space-phase';

/** One page of the person's spaces. */
export function SpacesTable({ rows, accounts, now }: { rows: SpaceRow[]; accounts: MyAccount[]; now: number }) {
  const byName = new Map(accounts.map((a) => [a.name, a]));
  return (
    <Table aria-label="Your spaces">
      <THead>
        <tr>
          <TH>Name</TH>
          <TH>Account</TH>
          <TH className="hidden md:table-cell">Account spaces</TH>
          <TH>Status</TH>
          <TH className="text-right">Age</TH>
        </tr>
      </THead>
      <TBody>
        {rows.map((r) => {
          const a = r.account ? byName.get(r.account) : undefined;
          return (
            <TR key={r.name} data-testid="space-row" data-space={r.name}>
              <TD className="max-w-0 min-w-48 w-2/5">
                <Link href={`/spaces/${encodeURIComponent(r.name)}`} className="block truncate font-mono text-[0.8125rem] font-medium text-foreground hover:text-primary-text hover:underline">
                  {r.name}
                </Link>
              </TD>
              <TD className="font-mono whitespace-nowrap text-muted-fg">{r.account ?? <span title="Not owned by an account">—</span>}</TD>
              <TD className="hidden md:table-cell">{a ? <AccountUsage spaces={a.spaces} limit={a.limit} compact /> : <span className="text-muted-fg">—</span>}</TD>
              <TD>
                <SpacePhase phase={r.phase} initializing={r.initializing} />
              </TD>
              <TD className="text-right text-muted-fg tabular-nums">
                <time dateTime={r.createdAt} title={r.createdAt}>
                  {formatAge(r.createdAt, now)}
                </time>
              </TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
