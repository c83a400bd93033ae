-- Bringing a done ticket back into the working set (server/sync/working-set.ts `bringBack`): someone opened one
-- older than the working set's days and will work on it, so replicas should hold it again.
--
-- tickets.brought_back_at: when that last happened. done_at, the instant the working set counts a done ticket from,
-- is now the later of its resolution and this, so a ticket brought back stays in replicas the working set's days from
-- then, and leaves again through the same cutoff as every other. An active ticket's done_at stays null.
ALTER TABLE tickets ADD COLUMN brought_back_at timestamptz;

CREATE OR REPLACE FUNCTION tickets_set_done_at() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.done_at := greatest(ticket_done_at(NEW.doc), CASE WHEN ticket_done_at(NEW.doc) IS NOT NULL THEN NEW.brought_back_at END); RETURN NEW; END $$;

DROP TRIGGER tickets_done_at ON tickets;
CREATE TRIGGER tickets_done_at BEFORE INSERT OR UPDATE OF doc, brought_back_at ON tickets FOR EACH ROW EXECUTE FUNCTION tickets_set_done_at();
