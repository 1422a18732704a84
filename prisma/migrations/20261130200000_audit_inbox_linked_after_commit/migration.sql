-- Writers no longer link the chain inside their own transaction (docs/adr/0005-audit-trail.md, "Hash chain"):
-- holding the chain head's row lock through every commit's WAL flush made all commits of all processes serial.
-- A writer now commits its rows into audit_inbox (no shared lock, so concurrent commits share WAL flushes) and one
-- linker at a time moves them into audit_event, whose insert trigger links them as before. audit_event, its chain and
-- its verification are unchanged.

CREATE TABLE "audit_inbox" (
    "id" BIGSERIAL NOT NULL,
    "request_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "source" "audit_source" NOT NULL,
    "actor_username" TEXT NOT NULL,
    "actor_groups" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "actor_via" "audit_via" NOT NULL,
    "actor_issuer" TEXT,
    "action" TEXT NOT NULL,
    "target_kind" TEXT,
    "target_name" TEXT,
    "target_account" TEXT,
    "target_space" TEXT,
    "summary" JSONB,
    "outcome" "audit_outcome" NOT NULL,
    "message" TEXT,
    "client_address" TEXT,
    "content_hash" BYTEA NOT NULL,

    CONSTRAINT "audit_inbox_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "audit_inbox_content_hash_check" CHECK (length("content_hash") = 32)
);
-- A retry that arrives while its first copy still waits here is dropped by the writer's ON CONFLICT; one that arrives
-- after it was linked is dropped by audit_event's trigger when the linker moves it.
CREATE UNIQUE INDEX "audit_inbox_request_id_key" ON "audit_inbox"("request_id");

-- Moves up to max_rows waiting rows, oldest first, into audit_event and returns how many it took (0: nothing waits).
-- One linker at a time in the whole database (a transaction-scoped advisory lock, taken before anything is read, so
-- each linker sees everything the one before it committed); the insert trigger then links the rows under the head's
-- row lock exactly as a direct insert would, and skips a request id that is already recorded. Delete and insert are
-- one transaction: a row is in the inbox or in the chain, never both and never neither. SECURITY DEFINER: the
-- application role may neither delete from the inbox nor update the head itself. An idle call takes no row lock and
-- writes nothing, so it costs no WAL flush.
CREATE FUNCTION "audit_link_inbox"(max_rows INTEGER DEFAULT 2000) RETURNS INTEGER
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  taken INTEGER;
BEGIN
  IF max_rows IS NULL OR max_rows < 1 THEN
    RAISE EXCEPTION 'audit_link_inbox: max_rows must be a positive number (got %)', max_rows;
  END IF;
  -- 0x61756469 = 'audi': the key of the one linker lock.
  PERFORM pg_advisory_xact_lock(1635083369, 1);
  WITH moved AS (
    DELETE FROM audit_inbox WHERE id IN (SELECT id FROM audit_inbox ORDER BY id LIMIT max_rows) RETURNING *
  ), linked AS (
    INSERT INTO audit_event (request_id, at, recorded_at, source, actor_username, actor_groups, actor_via, actor_issuer, action,
        target_kind, target_name, target_account, target_space, summary, outcome, message, client_address, content_hash)
      SELECT request_id, at, recorded_at, source, actor_username, actor_groups, actor_via, actor_issuer, action,
        target_kind, target_name, target_account, target_space, summary, outcome, message, client_address, content_hash
      FROM moved ORDER BY id
      RETURNING 1
  )
  SELECT count(*) INTO taken FROM moved;
  RETURN taken;
END
$$;

REVOKE ALL ON "audit_inbox" FROM PUBLIC;
REVOKE ALL ON FUNCTION "audit_link_inbox"(INTEGER) FROM PUBLIC;
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'atrium_app') THEN
    -- Add and read, never change or take away: only the linker (the table owner's function) removes rows.
    GRANT SELECT, INSERT ON "audit_inbox" TO atrium_app;
    GRANT USAGE ON SEQUENCE "audit_inbox_id_seq" TO atrium_app;
    GRANT EXECUTE ON FUNCTION "audit_link_inbox"(INTEGER) TO atrium_app;
  ELSE
    RAISE WARNING 'role atrium_app does not exist: grant it SELECT, INSERT on audit_inbox and EXECUTE on audit_link_inbox (see docs/adr/0005-audit-trail.md)';
  END IF;
END
$$;
