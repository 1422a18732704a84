import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '@/scripts/lib/postgres';
import { startReplica, type Replica } from '@/test/support/controller-replica';
import { tempDir } from './support';

// docs/operations.md alerts on audit write failures with atrium_audit_spooled_events: events a replica holds because
// the database did not take them. A replica whose database is unreachable keeps what it finds in its spool, and says so.
describe('atrium_audit_spooled_events', () => {
  const spool = tempDir('spool-metric');
  let replica: Replica | undefined;
  afterAll(async () => {
    await replica?.stop();
    spool.remove();
  });

  it('counts the events waiting in the spool while the database is away', async () => {
    const event = (n: number) => writeFileSync(path.join(spool.dir, `${'0'.repeat(15)}${n}.event.json`), '{}');
    event(1);
    event(2);
    const nowhere = await freePort();
    // A follower (the shared controller leads): it reconciles nothing, it only serves its metrics here.
    replica = await startReplica('spool-metric', { DATABASE_URL: `postgresql://atrium_app:x@127.0.0.1:${nowhere}/atrium`, ATRIUM_AUDIT_SPOOL_DIR: spool.dir });
    expect(await replica.metric('atrium_audit_spooled_events')).toBe(2);
    event(3);
    expect(await replica.metric('atrium_audit_spooled_events')).toBe(3);
    expect(await replica.metric('atrium_audit_events_lost_total')).toBe(0);
  });
});
