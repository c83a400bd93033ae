/**
 * Routing state in the database: the ordered rules, and choosing an assignee for a queue. Choosing locks the queue's
 * round-robin row for the rest of the transaction, so concurrent requests for one queue take turns instead of both
 * picking the same person; the round-robin turn is stored there and survives restarts.
 */
import { ACTIVE_STATUSES } from '../../shared/domain/lifecycle';
import type { AssignmentStrategy, RoutingRule } from '../../shared/server-api/routing';
import type { Queryable } from '../db/database';
import { pickLeastLoad, pickRoundRobin } from './assign';

/** Roles auto-assignment may pick: the people who work queues. */
const ASSIGNABLE_ROLES = ['agent', 'technician'];

export async function loadRoutingRules(db: Queryable): Promise<RoutingRule[]> {
  const result = await db.query<{ doc: RoutingRule }>('SELECT doc FROM routing_rules ORDER BY position, id');
  return result.rows.map((row) => row.doc);
}

/** The assignee for a new ticket in `queueId`, or '' (unassigned) for `none` or an empty queue. */
export async function chooseAssignee(tx: Queryable, queueId: string, strategy: AssignmentStrategy): Promise<string> {
  if (strategy === 'none') return '';
  // Share-locked: an admin's change to a member (removing them from the queue, deactivating them) holds their row
  // until it commits, and unassigns their open tickets there (ticket-writes/unassign.ts); this waits, then reads
  // them as they are, so a new ticket is never handed to someone in the moment they leave the queue.
  const members = await tx.query<{ id: string }>(
    `SELECT id FROM users WHERE NOT deleted AND active AND role = ANY($2::text[]) AND $1 = ANY(queue_ids)
      ORDER BY id FOR SHARE`,
    [queueId, ASSIGNABLE_ROLES],
  );
  const candidates = members.rows.map((row) => row.id);
  await tx.query('INSERT INTO round_robin_state (queue_id, last_assignee_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
    queueId,
    '',
  ]);
  const state = await tx.query<{ last_assignee_id: string }>(
    'SELECT last_assignee_id FROM round_robin_state WHERE queue_id = $1 FOR UPDATE',
    [queueId],
  );
  const chosen =
    strategy === 'round_robin'
      ? pickRoundRobin(candidates, state.rows[0]?.last_assignee_id ?? null)
      : pickLeastLoad(await loads(tx, candidates));
  if (chosen === null) return '';
  await tx.query('UPDATE round_robin_state SET last_assignee_id = $2 WHERE queue_id = $1', [queueId, chosen]);
  return chosen;
}

async function loads(tx: Queryable, candidates: readonly string[]): Promise<{ id: string; activeTickets: number }[]> {
  if (candidates.length === 0) return [];
  const counted = await tx.query<{ assignee_id: string; n: number }>(
    `SELECT assignee_id, count(*)::integer AS n FROM tickets
      WHERE assignee_id = ANY($1::text[]) AND NOT deleted AND doc->>'status' = ANY($2::text[])
      GROUP BY assignee_id`,
    [candidates, [...ACTIVE_STATUSES]],
  );
  const byId = new Map(counted.rows.map((row) => [row.assignee_id, row.n]));
  return candidates.map((id) => ({ id, activeTickets: byId.get(id) ?? 0 }));
}
