-- The working set (server/sync/working-set.ts): workstations replicate the open tickets and those done (resolved or
-- closed) after a cutoff, which moves with the clock; older tickets are read on demand (search, read by id).
--
-- tickets.done_at: when the ticket was resolved (resolvedAt; its last change if that is missing), null while it is
-- active. Kept by a trigger from the document however the ticket is written.
ALTER TABLE tickets ADD COLUMN done_at timestamptz;

CREATE FUNCTION ticket_done_at(doc jsonb) RETURNS timestamptz LANGUAGE sql STABLE AS $$ SELECT CASE WHEN doc ->> 'status' IN ('resolved', 'closed') THEN coalesce(doc ->> 'resolvedAt', doc ->> 'updatedAt')::timestamptz END $$;

CREATE FUNCTION tickets_set_done_at() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.done_at := ticket_done_at(NEW.doc); RETURN NEW; END $$;

CREATE TRIGGER tickets_done_at BEFORE INSERT OR UPDATE OF doc ON tickets FOR EACH ROW EXECUTE FUNCTION tickets_set_done_at();

UPDATE tickets SET done_at = ticket_done_at(doc);

CREATE INDEX tickets_done_at ON tickets (done_at, id) WHERE done_at IS NOT NULL;

-- One row. `days`: how long a done ticket stays in the working set (0: for good, every ticket replicates).
-- `cutoff`: tickets done at or before it have left the working set, and their scope exits were recorded (so pull
-- sends their tombstones); it moves only as far as that work is done.
CREATE TABLE working_set (
  days integer NOT NULL CHECK (days >= 0),
  cutoff timestamptz NOT NULL
);
INSERT INTO working_set (days, cutoff) VALUES (0, '-infinity');
