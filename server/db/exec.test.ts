import { describe, expect, it } from 'vitest';
import { databasePerTest } from './database-per-test';
import { TEST_ENGINES } from './test-databases';

/**
 * A migration file runs as one script, so it may be written as PostgreSQL reads it: a function body over several
 * lines, semicolons at line ends inside it or inside a string, comments anywhere. A statement splitter would cut
 * each of these into pieces that fail.
 */
const SCRIPT = `
-- a comment line; with a semicolon
CREATE TABLE notes (id integer PRIMARY KEY, body text NOT NULL);
CREATE FUNCTION note_count() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  SELECT count(*) INTO n FROM notes;
  RETURN n;
END
$$;
INSERT INTO notes VALUES (1, 'ends a line;
and goes on'), (2, 'two');  -- a trailing comment
`;

describe.each(TEST_ENGINES)('scripts on %s', (engine) => {
  const openDb = databasePerTest(engine);

  it('runs a script of several statements as written, in a transaction as outside one', async () => {
    const db = await openDb({ migrated: false });
    await db.transaction((tx) => tx.exec(SCRIPT));
    await db.exec('INSERT INTO notes VALUES (3, $$three;$$);\nINSERT INTO notes VALUES (4, $$four$$);');

    const count = await db.query<{ n: number }>('SELECT note_count() AS n');
    expect(count.rows).toEqual([{ n: 4 }]);
    const first = await db.query<{ body: string }>('SELECT body FROM notes WHERE id = 1');
    expect(first.rows).toEqual([{ body: 'ends a line;\nand goes on' }]);
  });

  it('leaves nothing of a script whose last statement fails, inside a transaction', async () => {
    const db = await openDb({ migrated: false });
    const failing = `${SCRIPT}\nINSERT INTO notes VALUES (1, 'a duplicate key');`;

    await expect(db.transaction((tx) => tx.exec(failing))).rejects.toThrow(/duplicate key/);
    const table = await db.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'notes'`);
    expect(table.rows).toEqual([]);
  });
});
