import { describe, expect, it } from 'vitest';
import { isActiveStatus, STATUSES } from '../../shared/domain/lifecycle';
import type { Ticket } from '../../shared/domain/ticket';
import { evaluateTicket } from '../../shared/sla/status';
import { makeComment, makeTicket } from '../../shared/testing/fixtures';
import { SESSIONS_CHANNEL } from '../auth/session-cache';
import { QUEUE } from '../demo/base-data';
import { seedReferenceData } from '../demo/seed';
import { SlaScheduler } from '../sla/scheduler';
import { auditEvent, writeAudit } from '../sync/audit';
import { loadReferenceData } from '../sync/reference';
import { allocateSeqs, changeWatermark } from '../sync/seq';
import { insertComments, writeTickets } from '../sync/store';
import { withServerFields } from '../sync/ticket-fields';
import type { Database } from './database';
import { databasePerTest } from './database-per-test';
import { loadMigrations, migrate } from './migrate';
import { TEST_ENGINES } from './test-databases';

/** What each migration promises, checked right after it is applied. */
const EXPECTED_TABLES: Record<number, string[]> = {
  1: [
    'change_seq',
    'users',
    'queues',
    'sla_policies',
    'calendars',
    'catalog',
    'tickets',
    'comments',
    'ticket_scope_exits',
    'ticket_assignees',
    'audit_events',
    'sessions',
  ],
  2: [
    'api_keys',
    'intake_requests',
    'routing_rules',
    'round_robin_state',
    'sla_policy_actions',
    'sla_watch',
    'sla_scheduler_state',
  ],
  3: ['reference_version'],
  4: [], // triggers only: checked below
  5: ['presets'],
  6: [], // a column and a trigger: checked below
  7: ['rate_limits'],
  8: ['device_contacts'],
  9: [], // data only: checked below
  10: ['ticket_search'],
  11: ['working_set'],
  12: [], // a sequence and functions: checked below
  13: [], // a column and a trigger: checked below
  14: [], // a setting: checked below
};

/**
 * Migrates a fresh database to `version`, below 12, and gives its one-row counter the two functions today's write
 * path calls (migration 012 replaced the counter), so the tests of older migrations write through today's code.
 */
async function migrateBeforeNumbers(db: Database, version: number): Promise<void> {
  expect(version).toBeLessThan(12);
  await migrate(db, { upTo: version });
  await db.exec(`
    CREATE FUNCTION reserve_change_numbers(n integer) RETURNS bigint LANGUAGE sql
      AS $$ UPDATE change_seq SET value = value + n RETURNING value - n + 1 $$;
    CREATE FUNCTION change_watermark(OUT latest bigint, OUT safe bigint) LANGUAGE sql
      AS $$ SELECT value, value FROM change_seq $$;`);
}

async function tables(db: Database): Promise<string[]> {
  const result = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`,
  );
  return result.rows.map((row) => row.name);
}

describe.each(TEST_ENGINES)('migrations on %s', (engine) => {
  const openDb = databasePerTest(engine);

  it('every migration file has a test here', () => {
    expect(loadMigrations().map((m) => m.version)).toEqual(Object.keys(EXPECTED_TABLES).map(Number));
  });

  it('applies each migration in order, creating what it promises', async () => {
    const db = await openDb({ migrated: false });
    for (const { version } of loadMigrations()) {
      expect(await migrate(db, { upTo: version })).toEqual([version]);
      expect(await tables(db)).toEqual(expect.arrayContaining(EXPECTED_TABLES[version] ?? []));
    }
    expect(await changeWatermark(db)).toEqual({ latest: 0, safe: 0 });
  });

  it('is idempotent: a second start applies nothing and keeps the data', async () => {
    const db = await openDb();
    await db.query(`SELECT setval('change_numbers', 7)`);
    expect(await migrate(db)).toEqual([]);
    expect(await changeWatermark(db)).toEqual({ latest: 7, safe: 7 });
  });
});

/** A user u1 with sessions of the given token hashes, and what the sessions channel says from then on. */
async function withSessions(db: Database, tokenHashes: string[]) {
  const heard: string[] = [];
  const stop = await db.listen(SESSIONS_CHANNEL, (payload) => heard.push(payload));
  await db.query(
    `INSERT INTO users (id, email, password_hash, role, queue_ids, active, doc, seq, deleted)
     VALUES ('u1', 'u1@x', '', 'agent', '{}', true, '{"id":"u1"}', 1, false)`,
  );
  for (const hash of tokenHashes) {
    await db.query(
      `INSERT INTO sessions (token_hash, user_id, device_id, created_at, expires_at)
       VALUES ($1, 'u1', 'd', now(), now() + interval '1 hour')`,
      [hash],
    );
  }
  return { heard, stop };
}

describe.each(TEST_ENGINES)('migration 4 on %s', (engine) => {
  const openDb = databasePerTest(engine);

  it('notifies every server of a change to a session or a user, however it is made', async () => {
    const db = await openDb();
    const { heard, stop } = await withSessions(db, ['h1']);
    await db.query('UPDATE sessions SET revoked_at = now()');
    await db.query('UPDATE users SET active = false');
    await db.query('DELETE FROM sessions');
    await expect.poll(() => heard).toEqual(['t:h1', 'u:u1', 't:h1']);
    await stop();
  });
});

describe.each(TEST_ENGINES)('migration 6 on %s', (engine) => {
  const openDb = databasePerTest(engine);

  it('records a session’s last use without telling every server, and still tells them of a sign-out', async () => {
    const db = await openDb();
    const { heard, stop } = await withSessions(db, ['h1', 'h2']);
    await db.query(`UPDATE sessions SET last_used_at = now() + interval '1 minute' WHERE token_hash = 'h1'`);
    await db.query(`UPDATE sessions SET revoked_at = now() WHERE token_hash = 'h2'`);
    // Notifications arrive in order: one for h1's use would come first.
    await expect.poll(() => heard.includes('t:h2')).toBe(true);
    expect(heard).toEqual(['t:h2']);
    await stop();
  });
});

describe.each(TEST_ENGINES)('migration 9 on %s', (engine) => {
  const openDb = databasePerTest(engine);

  it('gives old tickets a stand-in slaWarnAt, and the SLA scheduler then writes the engine’s', async () => {
    const db = await openDb({ migrated: false });
    await migrateBeforeNumbers(db, 8);
    const now = new Date('2026-03-02T10:00:00.000Z');
    await seedReferenceData(db, now);
    // A running ticket as the server stored it before slaWarnAt existed.
    const reference = await loadReferenceData(db);
    const { slaWarnAt: _absent, ...old } = withServerFields({
      client: makeTicket({ id: 't-old', queueId: QUEUE.network, createdAt: now.toISOString() }),
      before: null,
      newNumber: 1001,
      now,
      reference,
    });
    await db.transaction(async (tx) => writeTickets(tx, [{ doc: old as Ticket, seq: await allocateSeqs(tx, 1) }]));
    await db.query('UPDATE sla_scheduler_state SET cursor = (SELECT value FROM change_seq)');

    expect(await migrate(db, { upTo: 9 })).toEqual([9]);
    const doc = async () =>
      (await db.query<{ doc: Ticket }>(`SELECT doc FROM tickets WHERE id = 't-old'`)).rows[0]?.doc;
    expect((await doc())?.slaWarnAt).toBe(old.slaDueAt);

    const run = await new SlaScheduler({ db, log: { info() {}, warn() {}, error() {} }, now: () => +now }).runOnce();
    expect(run.written).toBe(1);
    const evaluated = evaluateTicket(
      old,
      { policies: new Map(reference.policies.map((p) => [p.id, p])), calendars: reference.calendars },
      +now,
    );
    expect((await doc())?.slaWarnAt).toBe(evaluated?.warnKey);
    expect(evaluated?.warnKey).toBeLessThan(old.slaDueAt);
  });
});

describe.each(TEST_ENGINES)('migration 5 on %s', (engine) => {
  const openDb = databasePerTest(engine);

  it('keeps presets per owner, an existing user', async () => {
    const db = await openDb();
    await db.query(
      `INSERT INTO users (id, email, password_hash, role, queue_ids, active, doc, seq, deleted)
       VALUES ('u1', 'u1@x', '', 'agent', '{}', true, '{"id":"u1"}', 1, false)`,
    );
    await db.query(`INSERT INTO presets (id, kind, owner_id, doc, seq) VALUES ('v1', 'view', 'u1', '{"id":"v1"}', 2)`);
    const rows = await db.query<{ deleted: boolean }>('SELECT deleted FROM presets');
    expect(rows.rows).toEqual([{ deleted: false }]);
    await expect(
      db.query(`INSERT INTO presets (id, kind, owner_id, doc, seq) VALUES ('v2', 'view', 'nobody', '{}', 3)`),
    ).rejects.toThrow(/foreign key/);
  });
});

describe.each(TEST_ENGINES)('migration 10 on %s', (engine) => {
  const openDb = databasePerTest(engine);
  /** The tickets whose words hold every lexeme of `text` as a prefix, as the search route asks (server/tickets/search.ts). */
  const matching = async (db: Database, text: string) =>
    (
      await db.query<{ id: string }>(
        `SELECT ticket_id AS id FROM ticket_search
          WHERE (ticket_words || comment_words) @@ to_tsquery('simple', $1) ORDER BY ticket_id`,
        [text],
      )
    ).rows.map((row) => row.id);

  it('indexes the words of existing tickets and comments, then follows every write', async () => {
    const db = await openDb({ migrated: false });
    await migrateBeforeNumbers(db, 9);
    const ticket = (id: string, title: string, description = '') => makeTicket({ id, title, description, number: 1 });
    await db.transaction(async (tx) => {
      await writeTickets(tx, [{ doc: ticket('t-1', 'Printer jams', 'On floor two'), seq: await allocateSeqs(tx, 1) }]);
      await insertComments(tx, [
        { doc: makeComment({ id: 'c-1', ticketId: 't-1', body: 'Toner replaced' }), seq: await allocateSeqs(tx, 1) },
      ]);
    });

    expect(await migrate(db, { upTo: 10 })).toEqual([10]);
    expect(await matching(db, 'printer & floor & toner')).toEqual(['t-1']);

    await db.transaction(async (tx) => {
      await writeTickets(tx, [{ doc: { ...ticket('t-2', 'Guest Wi-Fi'), number: 2 }, seq: await allocateSeqs(tx, 1) }]);
      await writeTickets(tx, [{ doc: ticket('t-1', 'Scanner jams', 'On floor two'), seq: await allocateSeqs(tx, 1) }]);
      await insertComments(tx, [
        { doc: makeComment({ id: 'c-2', ticketId: 't-2', body: 'Router rebooted' }), seq: await allocateSeqs(tx, 1) },
      ]);
    });
    expect(await matching(db, 'printer')).toEqual([]);
    expect(await matching(db, 'scanner & toner')).toEqual(['t-1']);
    expect(await matching(db, 'wi:* & router')).toEqual(['t-2']);
  });

  it('stops adding comment words before a ticket’s index would outgrow a tsvector, and refuses no comment', async () => {
    const db = await openDb();
    await db.transaction(async (tx) => {
      await writeTickets(tx, [{ doc: makeTicket({ id: 't-big', number: 1 }), seq: await allocateSeqs(tx, 1) }]);
    });
    // Words that never repeat, 10 000 characters a comment: 60 of them would pass a tsvector's 1 MB.
    let word = 0;
    const body = () =>
      Array.from({ length: 1100 }, () => (word++).toString(36).padStart(8, 'w'))
        .join(' ')
        .slice(0, 10_000);
    for (let batch = 0; batch < 6; batch++) {
      await db.transaction(async (tx) => {
        const first = await allocateSeqs(tx, 10);
        await insertComments(
          tx,
          Array.from({ length: 10 }, (_, i) => ({
            doc: makeComment({ id: `c-${batch}-${i}`, ticketId: 't-big', body: body() }),
            seq: first + i,
          })),
        );
      });
    }
    const size = await db.query<{ bytes: number }>('SELECT pg_column_size(comment_words) AS bytes FROM ticket_search');
    expect(size.rows[0]?.bytes).toBeGreaterThan(262_144);
    expect(size.rows[0]?.bytes).toBeLessThan(1_048_576);
    expect(await matching(db, 'wwwwwww0')).toEqual(['t-big']);
  });
});

/** Each ticket's done_at (the instant the working set counts a done ticket from), by id. */
const doneAt = async (db: Database) =>
  (
    await db.query<{ id: string; done_at: string | null }>(
      `SELECT id, to_json(done_at)#>>'{}' AS done_at FROM tickets ORDER BY id`,
    )
  ).rows;

describe.each(TEST_ENGINES)('migration 11 on %s', (engine) => {
  const openDb = databasePerTest(engine);

  it('dates when existing tickets were done, follows every write, and starts with the whole history', async () => {
    const db = await openDb({ migrated: false });
    await migrateBeforeNumbers(db, 10);
    const resolvedAt = '2026-10-01T09:00:00.000Z';
    await db.transaction(async (tx) => {
      const first = await allocateSeqs(tx, 3);
      await writeTickets(tx, [
        { doc: makeTicket({ id: 't-1', number: 1, status: 'open' }), seq: first },
        { doc: makeTicket({ id: 't-2', number: 2, status: 'resolved', resolvedAt }), seq: first + 1 },
        { doc: makeTicket({ id: 't-3', number: 3, status: 'closed', resolvedAt }), seq: first + 2 },
      ]);
    });

    expect(await migrate(db, { upTo: 11 })).toEqual([11]);
    const day = (iso: string | null) => (iso === null ? null : new Date(iso).toISOString());
    expect((await doneAt(db)).map((row) => [row.id, day(row.done_at)])).toEqual([
      ['t-1', null],
      ['t-2', resolvedAt],
      ['t-3', resolvedAt],
    ]);
    expect((await db.query('SELECT days, cutoff::text AS cutoff FROM working_set')).rows).toEqual([
      { days: 0, cutoff: '-infinity' },
    ]);

    // The SQL's done statuses are the lifecycle's (shared/domain/lifecycle.ts): every status not active is done.
    for (const status of STATUSES) {
      const { rows } = await db.query<{ done: boolean }>('SELECT ticket_done_at($1::jsonb) IS NOT NULL AS done', [
        JSON.stringify(makeTicket({ status, resolvedAt })),
      ]);
      expect(rows[0]?.done, status).toBe(!isActiveStatus(status));
    }

    // Reopened, it is active again; resolved, it is done from its resolution.
    await db.transaction(async (tx) => {
      const first = await allocateSeqs(tx, 2);
      await writeTickets(tx, [
        { doc: makeTicket({ id: 't-2', number: 2, status: 'open', resolvedAt: null }), seq: first },
        { doc: makeTicket({ id: 't-1', number: 1, status: 'resolved', resolvedAt }), seq: first + 1 },
      ]);
    });
    expect((await doneAt(db)).map((row) => [row.id, day(row.done_at)])).toEqual([
      ['t-1', resolvedAt],
      ['t-2', null],
      ['t-3', resolvedAt],
    ]);
  });

  it('numbers changes from a sequence that goes on from the counter, and reads stop below writes in flight', async () => {
    const db = await openDb({ migrated: false });
    await migrate(db, { upTo: 11 });
    await db.query('UPDATE change_seq SET value = 41');

    expect(await migrate(db, { upTo: 12 })).toEqual([12]);
    expect(await tables(db)).not.toContain('change_seq');
    expect(await changeWatermark(db)).toEqual({ latest: 41, safe: 41 });
    await db.transaction(async (tx) => {
      expect(await allocateSeqs(tx, 3)).toBe(42);
      expect(await allocateSeqs(tx, 1)).toBe(45);
      // In flight: its numbers are handed out, but nothing above 41 may be read yet.
      expect(await changeWatermark(tx)).toEqual({ latest: 45, safe: 41 });
    });
    expect(await changeWatermark(db)).toEqual({ latest: 45, safe: 45 });
    // A rolled-back write keeps its numbers (a gap) and holds nothing up.
    await expect(
      db.transaction(async (tx) => {
        await allocateSeqs(tx, 2);
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    expect(await changeWatermark(db)).toEqual({ latest: 47, safe: 47 });
  });
});

describe.each(TEST_ENGINES)('migration 13 on %s', (engine) => {
  const openDb = databasePerTest(engine);

  it('keeps when existing tickets were done; one brought back counts from then, until it is reopened', async () => {
    const db = await openDb({ migrated: false });
    await migrate(db, { upTo: 12 });
    const resolvedAt = '2026-10-01T09:00:00.000Z';
    const write = (docs: Ticket[]) =>
      db.transaction(async (tx) => {
        const first = await allocateSeqs(tx, docs.length);
        await writeTickets(
          tx,
          docs.map((doc, i) => ({ doc, seq: first + i })),
        );
      });
    await write([
      makeTicket({ id: 't-1', number: 1, status: 'open' }),
      makeTicket({ id: 't-2', number: 2, status: 'resolved', resolvedAt }),
    ]);

    expect(await migrate(db, { upTo: 13 })).toEqual([13]);
    const day = (iso: string | null) => (iso === null ? null : new Date(iso).toISOString());
    const done = async () => (await doneAt(db)).map((row) => [row.id, day(row.done_at)]);
    expect(await done()).toEqual([
      ['t-1', null],
      ['t-2', resolvedAt],
    ]);

    // Brought back: done from then on, through later writes of the ticket; an active ticket has no done_at.
    const broughtBack = '2026-12-01T10:00:00.000Z';
    await db.query('UPDATE tickets SET brought_back_at = $1::timestamptz', [broughtBack]);
    expect(await done()).toEqual([
      ['t-1', null],
      ['t-2', broughtBack],
    ]);
    await write([makeTicket({ id: 't-2', number: 2, status: 'closed', resolvedAt, title: 'Closed later' })]);
    expect(await done()).toEqual([
      ['t-1', null],
      ['t-2', broughtBack],
    ]);
    // Reopened it is active; resolved again later, it is done from its new resolution.
    const again = '2026-12-05T08:00:00.000Z';
    await write([makeTicket({ id: 't-2', number: 2, status: 'open', resolvedAt: null })]);
    expect(await done()).toEqual([
      ['t-1', null],
      ['t-2', null],
    ]);
    await write([makeTicket({ id: 't-2', number: 2, status: 'resolved', resolvedAt: again })]);
    expect(await done()).toEqual([
      ['t-1', null],
      ['t-2', again],
    ]);
  });
});

describe.each(TEST_ENGINES)('migration 14 on %s', (engine) => {
  const openDb = databasePerTest(engine);
  const days = async (db: Database) => (await db.query<{ days: number }>('SELECT days FROM working_set')).rows[0]?.days;
  const adminChose = (db: Database, to: number) =>
    db.transaction(async (tx) => {
      await tx.query('UPDATE working_set SET days = $1', [to]);
      await writeAudit(tx, [
        auditEvent({
          seq: await allocateSeqs(tx, 1),
          entity: 'setting',
          entityId: 'working-set',
          ticketId: null,
          action: 'update',
          actorId: 'u-admin',
          deviceId: 'test',
          at: new Date().toISOString(),
          changes: [{ field: 'days', from: 0, to }],
        }),
      ]);
    });

  it('keeps done tickets 30 days where no admin set the days, and keeps an admin’s choice', async () => {
    const fresh = await openDb({ migrated: false });
    await migrate(fresh, { upTo: 13 });
    expect(await days(fresh)).toBe(0);
    expect(await migrate(fresh, { upTo: 14 })).toEqual([14]);
    expect(await days(fresh)).toBe(30);

    for (const chosen of [0, 90]) {
      const db = await openDb({ migrated: false });
      await migrate(db, { upTo: 13 });
      await adminChose(db, chosen);
      expect(await migrate(db, { upTo: 14 })).toEqual([14]);
      expect(await days(db)).toBe(chosen);
    }
  });
});
