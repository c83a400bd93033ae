import type { Database } from '../db/database';
import { forbidden, notFound } from '../http/errors';
import { type Actor, canPull, canSeeTicket, type TicketKeys, ticketScope } from '../scope';

/** Longest ticket id the routes look up; a longer one names no ticket. */
const MAX_ID = 64;

/**
 * The ticket `id` as staff reach it by id (its read, bringing it back into the working set), in the working set or
 * not, by the same scope as pull. Throws 403 for a requester (the portal is theirs) and 404 for a ticket that does not
 * exist or that `user` may not see: its id says nothing.
 */
export async function visibleTicket(
  db: Database,
  user: Actor,
  id: string,
): Promise<{ id: string; doc: string; keys: TicketKeys }> {
  if (!canPull(user.role)) throw forbidden(`A ${user.role} reads tickets through the portal`);
  const found =
    id.length > MAX_ID
      ? null
      : (
          await db.query<{ doc: string; queue_id: string; assignee_id: string; requester_id: string }>(
            'SELECT doc::text AS doc, queue_id, assignee_id, requester_id FROM tickets WHERE id = $1 AND NOT deleted',
            [id],
          )
        ).rows[0];
  const keys = found && { queueId: found.queue_id, assigneeId: found.assignee_id, requesterId: found.requester_id };
  if (!found || !keys || !canSeeTicket(ticketScope(user), keys)) {
    throw notFound(`There is no ticket ${id.slice(0, MAX_ID)} you may see`);
  }
  return { id, doc: found.doc, keys };
}
