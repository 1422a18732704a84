-- A BRIN index on the event time, for searches that go back beyond the newest rows. Their text narrows through the
-- trigram index, which cannot order: every candidate used to be fetched from the heap to sort them, wherever it was in
-- time (5,800 fetches, 50–90 ms, for a text in 0.5 % of a million rows). Asked for a time slice, PostgreSQL ANDs the
-- trigram bitmap with this one and visits only the candidates inside it. A B-tree could do the same only for short
-- slices: its bitmap costs a leaf entry per row in the slice, so the planner drops it beyond a few thousand rows. A
-- BRIN bitmap costs one entry per 128 pages whatever the slice (≈ 60 kB at a million events), and rows are linked in
-- time order, so its ranges stay narrow. autosummarize lets autovacuum summarize each range as it fills; the newest,
-- unsummarized range is always visited, which is cheap and never wrong. See docs/adr/0005-audit-trail.md.

CREATE INDEX "audit_event_at_brin_idx" ON "audit_event" USING BRIN ("at") WITH (autosummarize = on);
