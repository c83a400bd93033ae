/**
 * The SLA scheduler's tables (migration 002): its lease and cursor, the watch list of when each ticket next needs
 * evaluating, and the per-policy escalation actions.
 */

import type { Ticket } from '../../shared/domain/ticket';
import type { SlaPolicyActions } from '../../shared/server-api/admin';
import type { Database, Queryable } from '../db/database';
import { changeWatermark, nextCursor } from '../sync/seq';

/**
 * Takes (or renews) the scheduler lease for `owner` until `untilMs`, if it is free or already ours; returns the
 * cursor, or null when another process holds the lease.
 */
export async function takeLease(db: Queryable, owner: string, nowMs: number, untilMs: number): Promise<number | null> {
  const result = await db.query<{ cursor: number }>(
    `UPDATE sla_scheduler_state SET lease_owner = $1, lease_until = $3
      WHERE lease_owner = $1 OR lease_until < $2 RETURNING cursor`,
    [owner, new Date(nowMs).toISOString(), new Date(untilMs).toISOString()],
  );
  return result.rows[0]?.cursor ?? null;
}

export async function releaseLease(db: Queryable, owner: string): Promise<void> {
  await db.query(`UPDATE sla_scheduler_state SET lease_until = 'epoch' WHERE lease_owner = $1`, [owner]);
}

export async function saveCursor(db: Queryable, owner: string, cursor: number): Promise<void> {
  await db.query('UPDATE sla_scheduler_state SET cursor = GREATEST(cursor, $2) WHERE lease_owner = $1', [
    owner,
    cursor,
  ]);
}

/**
 * Tickets changed after `cursor`, in change order, up to the watermark (sync/seq.ts): when the page is not full,
 * everything up to it has been seen, and no change below it can still arrive.
 */
export async function changedTickets(
  db: Database,
  cursor: number,
  limit: number,
): Promise<{ tickets: Ticket[]; next: number }> {
  // Its own statement first: the read below must take its snapshot after the in-flight writes were seen.
  const { safe } = await changeWatermark(db);
  const rows = await db.query<{ doc: Ticket; seq: number }>(
    'SELECT doc, seq FROM tickets WHERE seq > $1 AND seq <= $2 AND NOT deleted ORDER BY seq LIMIT $3',
    [cursor, safe, limit],
  );
  const last = rows.rows.at(-1)?.seq;
  return {
    tickets: rows.rows.map((row) => row.doc),
    next: nextCursor(cursor, { full: rows.rows.length === limit, last: last ?? null }, safe),
  };
}

/** Tickets whose next check is due, earliest first (the partial index on sla_watch.next_at serves this). */
export async function dueTickets(db: Queryable, nowMs: number, limit: number): Promise<Ticket[]> {
  const rows = await db.query<{ doc: Ticket }>(
    `SELECT t.doc FROM sla_watch w JOIN tickets t ON t.id = w.ticket_id
      WHERE w.next_at IS NOT NULL AND w.next_at <= $1 ORDER BY w.next_at LIMIT $2`,
    [nowMs, limit],
  );
  return rows.rows.map((row) => row.doc);
}

export interface WatchRow {
  ticketId: string;
  nextAt: number | null;
}

export async function saveWatch(db: Queryable, rows: readonly WatchRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO sla_watch (ticket_id, next_at)
     SELECT r."ticketId", r."nextAt" FROM jsonb_to_recordset($1::text::jsonb) AS r("ticketId" text, "nextAt" bigint)
     ON CONFLICT (ticket_id) DO UPDATE SET next_at = EXCLUDED.next_at`,
    [JSON.stringify(rows)],
  );
}

export async function loadPolicyActions(db: Queryable): Promise<Map<string, SlaPolicyActions>> {
  const rows = await db.query<{ policy_id: string; raise_priority_on_breach: boolean }>(
    'SELECT policy_id, raise_priority_on_breach FROM sla_policy_actions',
  );
  return new Map(rows.rows.map((row) => [row.policy_id, { raisePriorityOnBreach: row.raise_priority_on_breach }]));
}

export async function savePolicyActions(db: Queryable, policyId: string, actions: SlaPolicyActions): Promise<void> {
  await db.query(
    `INSERT INTO sla_policy_actions (policy_id, raise_priority_on_breach) VALUES ($1, $2)
     ON CONFLICT (policy_id) DO UPDATE SET raise_priority_on_breach = EXCLUDED.raise_priority_on_breach`,
    [policyId, actions.raisePriorityOnBreach],
  );
}
