-- The audit page's search for a text such as "team-42-space-4" asked the trigram index only for trigrams that nearly
-- every row has: pg_trgm splits words at separators, so "tea", "spa" and " 4" were all it could look for (294 ms
-- at a million rows for a text that matches nothing). This index sees the search text with its separators turned
-- into one letter, so trigrams across a separator ("mq4", "q42", "eq4") are keys, and they are rare. The query asks
-- it for those pieces only and keeps the exact LIKE on audit_search_text as the condition that decides
-- (server/audit/list-audit-events.ts, separatorFragments): a row the old condition finds is found.
CREATE FUNCTION "audit_search_glued"(t TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT translate(t, ' -_.@/:', 'qqqqqqq')
$$;
CREATE INDEX "audit_event_search_glued_idx" ON "audit_event" USING gin (
  "audit_search_glued"("audit_search_text"("actor_username", "action", "target_kind", "target_name", "target_account", "target_space", "message")) gin_trgm_ops
);
