-- The audit page's time index becomes ascending. Declared (at DESC, seq DESC) to match the page's order, it took
-- every new event at its very first leaf, where a full leaf can only split in half: it stayed at 50 % leaf density
-- (pgstatindex: 96 MB at 1.44 M events). Ascending, new events land on the last leaf, which PostgreSQL splits 90/10,
-- so it stays at 90 % (54 MB). A B-tree is read backwards as cheaply: ORDER BY at DESC, seq DESC uses it the same
-- way. The per-key indexes (actor_username, target_account, … , at, seq) stay as they are: their text keys make
-- them sit at 50–60 % either way (docs/adr/0005-audit-trail.md).
--
-- Rebuilding holds audit_event for the migration's transaction (a few seconds per million events): the audit page
-- and the linker wait; writers do not (they write to audit_inbox). docs/operations.md, "Upgrading".

DROP INDEX "audit_event_at_seq_idx";
CREATE INDEX "audit_event_at_seq_idx" ON "audit_event"("at", "seq");
