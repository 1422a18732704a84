// npm run audit:verify [-- --anchor <seq>:<hash>] — checks the audit hash chain: prints how many rows it checked and
// the verified head to keep outside the database, or the first broken link (and exits 1). With --anchor (a head an
// earlier run printed), the chain must still contain that row with that hash: a superuser who rewrote the chain and
// its head from some row to the end is found. Uses DATABASE_URL, else the dev stack's database.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { databaseUrl, stackPostgres } from './lib/postgres';

/** --anchor <seq>:<64 hex digits>, or undefined; exits with the fix on anything else. */
function anchorArg(): { seq: bigint; hash: string } | undefined {
  const i = process.argv.indexOf('--anchor');
  if (i < 0) return undefined;
  const m = /^(\d{1,19}):([0-9a-fA-F]{64})$/.exec(process.argv[i + 1] ?? '');
  if (!m) {
    console.error('--anchor: expected <seq>:<hash> as a previous run printed it, e.g. --anchor 1042:9f86d0…(64 hex digits)');
    process.exit(2);
  }
  return { seq: BigInt(m[1]!), hash: m[2]!.toLowerCase() };
}

try {
  const anchor = anchorArg();
  if (!process.env.DATABASE_URL && existsSync(path.join(stackPostgres.dir, 'passwords.json'))) process.env.DATABASE_URL = databaseUrl('app');
  const { auditStore } = await import('../server/audit');
  const store = auditStore();
  let last = Date.now();
  const report = await store.verifyAuditChain({
    anchor,
    onProgress: (n) => {
      if (Date.now() - last > 5000) {
        last = Date.now();
        console.log(`    … ${n.toLocaleString('en')} rows checked`);
      }
    },
  });
  await store.close();
  const { linked, waiting, linkError } = report.unlinked;
  if (linked) console.log(`${linked.toLocaleString('en')} committed event(s) were not linked into the chain yet; linked them before verifying.`);
  if (linkError) console.log(`Linking the chain failed: ${linkError}`);
  if (waiting) console.log(`${waiting.toLocaleString('en')} event(s) still wait in audit_inbox, not linked (not verified by this run).`);
  const secs = (report.durationMs / 1000).toFixed(1);
  if (report.ok) {
    console.log(`Audit chain verified: ${report.checked.toLocaleString('en')} rows checked up to seq ${report.headSeq}, in ${secs} s${anchor ? `, anchor ${anchor.seq} matches` : ''}.`);
    if (report.headHash) console.log(`Anchor for the next run (keep it where the database's superuser cannot write): --anchor ${report.headSeq}:${report.headHash}`);
  } else {
    const b = report.broken!;
    console.log(`Audit chain BROKEN at row ${b.seq}${b.requestId ? ` (request ${b.requestId})` : ''}: ${b.reason}.`);
    console.log(`${report.checked.toLocaleString('en')} rows before it verified (head seq ${report.headSeq}), in ${secs} s.`);
    process.exitCode = 1;
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
