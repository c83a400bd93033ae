-- Change numbers without a queue (server/sync/seq.ts; the argument is in docs/architecture-notes.md, "Change numbers").
--
-- Until now every write took the one change_seq row's lock and held it until commit, so writers on every server
-- process committed one after another (about 290 pushes/s however many processes), and one stuck writer held all
-- of them up. Numbers now come from a sequence, which never waits on a commit; pull instead stops below the oldest
-- write still in flight. Each writer, before it draws numbers, marks itself with a shared advisory lock whose key
-- holds the sequence's value at that moment (its floor: every number it draws is above it). PostgreSQL releases the
-- mark when the transaction ends, after its rows became visible. A reader reads the sequence, then the marks
-- (pg_locks), and may serve every number up to the lowest floor (or the sequence's value when no write is in
-- flight): whatever is at or below it is committed or will never be.
--
-- Marks of this schema are told apart from other advisory locks (migrations', withLock's: small keys) and from
-- other schemas' (the tests run many servers in one database) by a 22-bit space above the floor's 40 bits.
CREATE SEQUENCE change_numbers AS bigint MINVALUE 0 START 0 CACHE 1;
SELECT setval('change_numbers', (SELECT value FROM change_seq), true);
DROP TABLE change_seq;

CREATE FUNCTION change_mark_space() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT (hashtext(current_schema()) & 4194303)::bigint + 1 $$;

-- Reserves n consecutive change numbers for the calling transaction and returns the first.
--
-- 1. The mark, taken before any number is drawn, at the transaction's level: held until commit or rollback.
-- 2. The block: a lock of its own (two-key form, so never mistaken for a mark) keeps the read-and-advance of the
--    sequence whole while other writers wait a few microseconds. It is taken inside a block that always ends in an
--    exception, which rolls back that subtransaction and so releases the lock at once; the sequence keeps its new
--    value (sequences ignore rollbacks). A cancelled or failed call ends the whole transaction, lock included.
CREATE FUNCTION reserve_change_numbers(n integer) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  floor bigint := pg_sequence_last_value('change_numbers');
  first bigint;
BEGIN
  IF n IS NULL OR n < 1 THEN
    RAISE EXCEPTION 'cannot reserve % change numbers', n;
  END IF;
  IF floor >= 1099511627776 THEN
    RAISE EXCEPTION 'change numbers have outgrown the in-flight marks (2^40)';
  END IF;
  PERFORM pg_advisory_xact_lock_shared((change_mark_space() << 40) | floor);
  BEGIN
    PERFORM pg_advisory_xact_lock(change_mark_space()::integer, 0);
    first := nextval('change_numbers');
    IF n > 1 THEN
      PERFORM setval('change_numbers', first + n - 1, true);
    END IF;
    RAISE SQLSTATE 'ITS01';
  EXCEPTION WHEN SQLSTATE 'ITS01' THEN
    NULL;
  END;
  RETURN first;
END $$;

-- The newest change number (`latest`) and the highest one at or below which every change is committed or abandoned
-- (`safe`). Call it on its own, before the statement that reads rows up to `safe`: that statement's snapshot must be
-- taken after the marks were read.
CREATE FUNCTION change_watermark(OUT latest bigint, OUT safe bigint) LANGUAGE plpgsql AS $$
DECLARE
  lowest bigint;
BEGIN
  latest := pg_sequence_last_value('change_numbers');
  SELECT min(((l.classid::bigint & 255) << 32) | l.objid::bigint) INTO lowest
    FROM pg_locks l
   WHERE l.locktype = 'advisory' AND l.objsubid = 1
     AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
     AND (l.classid::bigint >> 8) = change_mark_space();
  safe := least(latest, lowest);
END $$;
