-- The glued search text becomes a stored column, and the trigram index is on it. The index stays lossy for LIKE: every
-- candidate it names is rechecked against the row, and so was every row on a page the BRIN time index names (about
-- 17 a page). Computed in the recheck, audit_search_glued(audit_search_text(…)) cost 1.5–3 µs a row — most of a
-- search that reaches back past the newest rows. Stored, the recheck compares text that is already there, and the
-- first look through the newest 5,000 rows compares it before building the exact search text.
--
-- Adding a stored column rewrites the table, and the index is rebuilt: 75 s at 1.19 million events on the 2-core
-- development machine (543 MB of rows became 660 MB). Meanwhile the audit page and the linker wait for the table;
-- writers do not (they commit into audit_inbox, linked when this commits). docs/operations.md, "Upgrading".

ALTER TABLE "audit_event" ADD COLUMN "search_glued" TEXT GENERATED ALWAYS AS (
  "audit_search_glued"("audit_search_text"("actor_username", "action", "target_kind", "target_name", "target_account", "target_space", "message"))
) STORED;

DROP INDEX "audit_event_search_glued_idx";
-- gin_pending_list_limit: new rows wait in the index's pending list until it holds this much, and every search reads
-- all of it. At the default 4 MB a search's trigram scan went from 4–5 ms to 9–11 ms after a burst of inserts (358
-- pending pages), and a search that reaches back scans the index two or three times. 256 kB caps that at ~0.5 ms;
-- the insert p99 did not move at 256 kB against 4 MB (docs/benchmarks.md).
CREATE INDEX "audit_event_search_glued_idx" ON "audit_event" USING gin ("search_glued" gin_trgm_ops) WITH (gin_pending_list_limit = 256);
