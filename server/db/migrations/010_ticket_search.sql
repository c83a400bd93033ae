-- Full-text search over every ticket on the server, the ones outside a workstation's replica included
-- (GET /api/tickets/search, server/tickets/search.ts). One row per ticket: the words of its title (weight A) and
-- description (B), and of its comments (C), kept by triggers however a ticket or comment is written, so the index
-- never misses a write path. Comments are appended as they arrive (they are never edited); a ticket's own part is
-- remade when its title or description changes. A query matches a ticket whose words, across all three, hold
-- every word of the query (server/tickets/search.ts), ranked by ts_rank over the GIN-indexed concatenation.
--
-- The 'simple' configuration (lower case, no stemming, no stop words) is used on purpose, although 'english' exists
-- in PGlite as in PostgreSQL: desks write in more than one language, and with prefix matching a word being typed
-- ("printi") keeps matching ("printing"), which stemming breaks ('printi' is no stem of anything).
--
-- A tsvector holds at most 1 MB: comment text stops being added once a ticket's comment part passes 256 kB (a
-- comment of 10 000 characters adds well under 100 kB), and the backfill reads at most 100 000 characters of a
-- ticket's comments, so no write is ever refused for the index's sake.
CREATE TABLE ticket_search (
  ticket_id text PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
  ticket_words tsvector NOT NULL,
  comment_words tsvector NOT NULL DEFAULT ''::tsvector
);
CREATE INDEX ticket_search_gin ON ticket_search USING gin ((ticket_words || comment_words));

CREATE FUNCTION ticket_search_words(doc jsonb) RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$ SELECT setweight(to_tsvector('simple'::regconfig, coalesce(doc ->> 'title', '')), 'A') || setweight(to_tsvector('simple'::regconfig, coalesce(doc ->> 'description', '')), 'B') $$;

CREATE FUNCTION ticket_search_ticket() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO ticket_search (ticket_id, ticket_words) VALUES (NEW.id, ticket_search_words(NEW.doc)) ON CONFLICT (ticket_id) DO UPDATE SET ticket_words = EXCLUDED.ticket_words; RETURN NULL; END $$;

-- Every ticket has its row (its insert made it, before any comment could reference it).
CREATE FUNCTION ticket_search_comment() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE ticket_search SET comment_words = comment_words || setweight(to_tsvector('simple'::regconfig, coalesce(NEW.doc ->> 'body', '')), 'C') WHERE ticket_id = NEW.ticket_id AND pg_column_size(comment_words) <= 262144; RETURN NULL; END $$;

CREATE TRIGGER tickets_search_insert AFTER INSERT ON tickets FOR EACH ROW EXECUTE FUNCTION ticket_search_ticket();
CREATE TRIGGER tickets_search_update AFTER UPDATE OF doc ON tickets FOR EACH ROW WHEN (OLD.doc ->> 'title' IS DISTINCT FROM NEW.doc ->> 'title' OR OLD.doc ->> 'description' IS DISTINCT FROM NEW.doc ->> 'description') EXECUTE FUNCTION ticket_search_ticket();
CREATE TRIGGER comments_search_insert AFTER INSERT ON comments FOR EACH ROW EXECUTE FUNCTION ticket_search_comment();

INSERT INTO ticket_search (ticket_id, ticket_words, comment_words)
SELECT t.id, ticket_search_words(t.doc),
       coalesce((SELECT setweight(to_tsvector('simple'::regconfig, left(string_agg(c.doc ->> 'body', ' ' ORDER BY c.seq), 100000)), 'C')
                   FROM comments c WHERE c.ticket_id = t.id), ''::tsvector)
  FROM tickets t;
