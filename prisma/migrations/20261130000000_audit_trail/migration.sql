-- Audit trail and usage history. Why it is shaped this way: docs/adr/0005-audit-trail.md.

-- Substring search in targets and messages (trusted extension: the database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateEnum
CREATE TYPE "audit_source" AS ENUM ('console', 'api', 'controller');
CREATE TYPE "audit_outcome" AS ENUM ('done', 'denied', 'failed', 'unknown');
CREATE TYPE "audit_via" AS ENUM ('oidc', 'token', 'api', 'controller');

-- CreateTable
CREATE TABLE "audit_event" (
    "seq" BIGINT NOT NULL,
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
    "prev_hash" BYTEA NOT NULL,
    "hash" BYTEA NOT NULL,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("seq"),
    CONSTRAINT "audit_event_content_hash_check" CHECK (length("content_hash") = 32)
);

CREATE TABLE "audit_chain_head" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "seq" BIGINT NOT NULL,
    "hash" BYTEA NOT NULL,

    CONSTRAINT "audit_chain_head_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "audit_verification" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ok" BOOLEAN NOT NULL,
    "checked" BIGINT NOT NULL,
    "head_seq" BIGINT NOT NULL,
    "broken_seq" BIGINT,
    "message" TEXT,
    "duration_ms" INTEGER NOT NULL,

    CONSTRAINT "audit_verification_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "usage_sample" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "quota" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "space" TEXT,
    "resource" TEXT NOT NULL,
    "used" DECIMAL(40,9) NOT NULL,
    "hard" DECIMAL(40,9),

    CONSTRAINT "usage_sample_pkey" PRIMARY KEY ("id")
);

-- CreateIndex: the audit page pages by (at, seq) descending, alone or after one equality filter.
CREATE UNIQUE INDEX "audit_event_request_id_key" ON "audit_event"("request_id");
CREATE INDEX "audit_event_at_seq_idx" ON "audit_event"("at" DESC, "seq" DESC);
CREATE INDEX "audit_event_actor_username_at_seq_idx" ON "audit_event"("actor_username", "at" DESC, "seq" DESC);
CREATE INDEX "audit_event_target_account_at_seq_idx" ON "audit_event"("target_account", "at" DESC, "seq" DESC);
CREATE INDEX "audit_event_target_space_at_seq_idx" ON "audit_event"("target_space", "at" DESC, "seq" DESC);
CREATE INDEX "audit_event_action_at_seq_idx" ON "audit_event"("action", "at" DESC, "seq" DESC);
CREATE INDEX "audit_event_outcome_at_seq_idx" ON "audit_event"("outcome", "at" DESC, "seq" DESC);
CREATE INDEX "audit_verification_at_idx" ON "audit_verification"("at" DESC);
CREATE INDEX "usage_sample_quota_resource_at_idx" ON "usage_sample"("quota", "resource", "at");
CREATE INDEX "usage_sample_at_idx" ON "usage_sample"("at");

-- The text the audit page's search box looks in. server/audit/list-audit-events.ts calls this very function, so the
-- planner matches the trigram index below.
CREATE FUNCTION "audit_search_text"(actor TEXT, action TEXT, kind TEXT, name TEXT, account TEXT, space TEXT, message TEXT)
RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT lower(coalesce(actor, '') || ' ' || coalesce(action, '') || ' ' || coalesce(kind, '') || ' ' || coalesce(name, '')
    || ' ' || coalesce(account, '') || ' ' || coalesce(space, '') || ' ' || coalesce(message, ''))
$$;
CREATE INDEX "audit_event_search_idx" ON "audit_event" USING gin (
  "audit_search_text"("actor_username", "action", "target_kind", "target_name", "target_account", "target_space", "message") gin_trgm_ops
);

-- The chain starts at a head of 32 zero bytes.
INSERT INTO "audit_chain_head" ("id", "seq", "hash") VALUES (1, 0, '\x0000000000000000000000000000000000000000000000000000000000000000');

-- Links every new row to the chain. The head row is locked until the inserting transaction ends, so concurrent
-- writers (any number of processes) take turns and every row's prev_hash is the hash of the row before it: the chain
-- cannot fork, and seq has no gaps (a rolled-back insert rolls back its head update too). SECURITY DEFINER: the
-- application role cannot update the head itself.
CREATE FUNCTION "audit_event_link"() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  head_seq BIGINT;
  head_hash BYTEA;
BEGIN
  SELECT h.seq, h.hash INTO head_seq, head_hash FROM audit_chain_head h WHERE h.id = 1 FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit_chain_head has no row: the audit chain cannot be extended';
  END IF;
  -- A retried event (same request id) is recorded once. Checked under the lock, so two retries cannot both pass,
  -- and skipped rather than failed, so a batch with one retried event still records the others.
  IF EXISTS (SELECT 1 FROM audit_event e WHERE e.request_id = NEW.request_id) THEN
    RETURN NULL;
  END IF;
  NEW.seq := head_seq + 1;
  NEW.prev_hash := head_hash;
  NEW.hash := sha256(int8send(NEW.seq) || head_hash || NEW.content_hash);
  UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
  RETURN NEW;
END
$$;
CREATE TRIGGER "audit_event_link" BEFORE INSERT ON "audit_event" FOR EACH ROW EXECUTE FUNCTION "audit_event_link"();

-- Append-only even for the table's owner; only a superuser who disables triggers can change a row, and the
-- verifier finds that.
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER "audit_event_no_change" BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();
CREATE TRIGGER "audit_event_no_truncate" BEFORE TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();
CREATE TRIGGER "audit_chain_head_no_truncate" BEFORE TRUNCATE ON "audit_chain_head" FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();

-- The application role (atrium_app) may add and read audit rows, never change them; usage samples it also prunes.
-- The role is created before migrating (scripts/lib/postgres.ts in development; the DBA in production).
REVOKE ALL ON "audit_event", "audit_chain_head", "audit_verification", "usage_sample" FROM PUBLIC;
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'atrium_app') THEN
    GRANT SELECT, INSERT ON "audit_event" TO atrium_app;
    GRANT SELECT ON "audit_chain_head" TO atrium_app;
    GRANT SELECT, INSERT ON "audit_verification" TO atrium_app;
    GRANT USAGE ON SEQUENCE "audit_verification_id_seq" TO atrium_app;
    GRANT SELECT, INSERT, DELETE ON "usage_sample" TO atrium_app;
    GRANT USAGE ON SEQUENCE "usage_sample_id_seq" TO atrium_app;
  ELSE
    RAISE WARNING 'role atrium_app does not exist: grant it SELECT, INSERT on audit_event (see docs/adr/0005-audit-trail.md)';
  END IF;
END
$$;
