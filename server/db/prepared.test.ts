import { describe, expect, it } from 'vitest';
import { pgErrorCode, UNIQUE_VIOLATION } from './database';
import { databasePerTest } from './database-per-test';
import { TEST_ENGINES } from './test-databases';

const INSERT = `INSERT INTO t (id, tags, n) SELECT * FROM unnest($1::text[], $2::jsonb[], $3::bigint[]) RETURNING id, tags, n`;

describe.each(TEST_ENGINES)('prepared statements on %s', (engine) => {
  const openDb = databasePerTest(engine);

  it('answer as the same statement unprepared does, run after run, and fail the same way', async () => {
    const db = await openDb();
    await db.query('CREATE TABLE t (id text PRIMARY KEY, tags jsonb NOT NULL, n bigint NOT NULL)');
    const rows = (from: number) => [
      [`a${from}`, `b${from}`],
      [JSON.stringify(['x', from]), JSON.stringify({ y: from })],
      [from, from + 1],
    ];
    const expected = (from: number) => [
      { id: `a${from}`, tags: ['x', from], n: from },
      { id: `b${from}`, tags: { y: from }, n: from + 1 },
    ];
    for (const from of [1, 3, 5]) {
      const prepared = await db.transaction((tx) => tx.query(INSERT, rows(from), { prepare: true }));
      expect(prepared).toEqual({ rows: expected(from), rowCount: 2 });
    }
    expect(await db.transaction((tx) => tx.query(INSERT, rows(7)))).toEqual({ rows: expected(7), rowCount: 2 });

    // A failing run rolls its transaction back, says why, and the statement still works afterwards.
    const failed = await db
      .transaction(async (tx) => {
        await tx.query(INSERT, rows(9), { prepare: true });
        return tx.query(INSERT, rows(1), { prepare: true });
      })
      .catch((error: unknown) => error);
    expect(pgErrorCode(failed)).toBe(UNIQUE_VIOLATION);
    expect((await db.query<{ id: string }>("SELECT id FROM t WHERE id LIKE '_9'")).rows).toEqual([]);
    expect((await db.transaction((tx) => tx.query(INSERT, rows(11), { prepare: true }))).rows).toEqual(expected(11));
  });
});
