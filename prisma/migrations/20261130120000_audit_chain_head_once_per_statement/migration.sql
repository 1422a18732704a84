-- The chain head is read (and locked) once per transaction and written once per statement, instead of both for every
-- row: the per-row UPDATE cost half a millisecond and, within one statement, grew with the number of rows before it
-- (every update adds a version of the head row that the next lookup walks past). Same chain, same lock
-- (docs/adr/0005-audit-trail.md).

-- The head as linked so far in this transaction: "<xid>:<seq>:<hash hex>", transaction-local (set_config(..., true)),
-- so it is gone at commit or rollback, and rolled back with a savepoint. A session that sets it by hand can only
-- produce rows the verifier reports: their prev_hash would not be the hash of the row before them.
CREATE OR REPLACE FUNCTION "audit_event_link"() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  xid TEXT := txid_current()::text;
  cached TEXT := current_setting('atrium.audit_chain_head', true);
  head_seq BIGINT;
  head_hash BYTEA;
BEGIN
  IF cached IS NOT NULL AND split_part(cached, ':', 1) = xid THEN
    -- This transaction holds the head's row lock already (taken by its first linked row).
    head_seq := split_part(cached, ':', 2)::bigint;
    head_hash := decode(split_part(cached, ':', 3), 'hex');
  ELSE
    SELECT h.seq, h.hash INTO head_seq, head_hash FROM audit_chain_head h WHERE h.id = 1 FOR UPDATE;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'audit_chain_head has no row: the audit chain cannot be extended';
    END IF;
  END IF;
  IF EXISTS (SELECT 1 FROM audit_event e WHERE e.request_id = NEW.request_id) THEN
    RETURN NULL;
  END IF;
  NEW.seq := head_seq + 1;
  NEW.prev_hash := head_hash;
  NEW.hash := sha256(int8send(NEW.seq) || head_hash || NEW.content_hash);
  PERFORM set_config('atrium.audit_chain_head', xid || ':' || NEW.seq || ':' || encode(NEW.hash, 'hex'), true);
  RETURN NEW;
END
$$;

-- After each INSERT statement: the head row takes the last linked row's seq and hash, once.
CREATE FUNCTION "audit_event_link_head"() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  cached TEXT := current_setting('atrium.audit_chain_head', true);
BEGIN
  IF cached IS NOT NULL AND split_part(cached, ':', 1) = txid_current()::text THEN
    UPDATE audit_chain_head SET seq = split_part(cached, ':', 2)::bigint, hash = decode(split_part(cached, ':', 3), 'hex')
      WHERE id = 1 AND seq IS DISTINCT FROM split_part(cached, ':', 2)::bigint;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER "audit_event_link_head" AFTER INSERT ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_link_head"();
