// npm run audit:verify — checks the audit hash chain: prints how many rows it checked, or the first broken link
// (and exits 1). Uses DATABASE_URL, else the dev stack's database.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { databaseUrl, stackPostgres } from './lib/postgres';

try {
  if (!process.env.DATABASE_URL && existsSync(path.join(stackPostgres.dir, 'passwords.json'))) process.env.DATABASE_URL = databaseUrl('app');
  const { auditStore } = await import('../server/audit');
  const store = auditStore();
  let last = Date.now();
  const report = await store.verifyAuditChain({
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
    console.log(`Audit chain verified: ${report.checked.toLocaleString('en')} rows checked up to seq ${report.headSeq}, in ${secs} s.`);
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
