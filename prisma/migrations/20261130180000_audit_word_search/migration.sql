-- The audit page's search looks for whole words and word beginnings in a stored word list, instead of any substring
-- through a trigram index. The trigram index's cost followed how common a search's letter triples are, not how many
-- rows match: a search matching nothing ("team-42-space-4", every row has "team-" and "space") took 330 ms at a
-- million rows, and every insert paid for its GIN entries. A word list answers "no such word" from one index page,
-- and is smaller to maintain. `simple` keeps every word as written (no stemming, no stop words): names, not prose.
-- A generated column is computed by the database at INSERT, so no writer can store words a row does not contain;
-- it is not part of the row's hash (a function of the hashed columns).
ALTER TABLE "audit_event" ADD COLUMN "search_words" tsvector GENERATED ALWAYS AS (
  to_tsvector('simple'::regconfig, "audit_search_text"("actor_username", "action", "target_kind", "target_name", "target_account", "target_space", "message"))
) STORED;
CREATE INDEX "audit_event_search_words_idx" ON "audit_event" USING gin ("search_words");
DROP INDEX "audit_event_search_idx";
