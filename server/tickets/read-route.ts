import type { FastifyInstance } from 'fastify';
import type { TicketReadResponse } from '../../shared/server-api/ticket-read';
import { requireAuth } from '../auth/context';
import type { Database } from '../db/database';
import { forbidden, notFound } from '../http/errors';
import { canPull, canSeeTicket, ticketScope } from '../scope';
import { workingSetState } from '../sync/working-set';

/**
 * One ticket and its comments, in the working set or not, with the working set's days
 * (shared/server-api/ticket-read.ts): for staff, by the same scope as pull. A ticket the caller may not see is "not
 * found", as one that does not exist: its id says nothing.
 */
export function ticketReadRoutes(app: FastifyInstance, db: Database): void {
  app.get('/api/tickets/:id', async (request): Promise<TicketReadResponse> => {
    const { user } = requireAuth(request);
    if (!canPull(user.role)) throw forbidden(`A ${user.role} reads tickets through the portal`);
    const id = (request.params as { id: string }).id;
    const found = await db.query<{ doc: string; queue_id: string; assignee_id: string; requester_id: string }>(
      'SELECT doc::text AS doc, queue_id, assignee_id, requester_id FROM tickets WHERE id = $1 AND NOT deleted',
      [id.slice(0, 64)],
    );
    const row = found.rows[0];
    const keys = row && { queueId: row.queue_id, assigneeId: row.assignee_id, requesterId: row.requester_id };
    if (!row || !keys || id.length > 64 || !canSeeTicket(ticketScope(user), keys)) {
      throw notFound(`There is no ticket ${id.slice(0, 64)} you may see`);
    }
    const [comments, workingSet] = await Promise.all([
      db.query<{ doc: TicketReadResponse['comments'][number] }>(
        'SELECT doc FROM comments WHERE ticket_id = $1 AND NOT deleted ORDER BY seq',
        [id],
      ),
      workingSetState(db),
    ]);
    return {
      ticket: { ...JSON.parse(row.doc), _deleted: false },
      comments: comments.rows.map((comment) => ({ ...comment.doc, _deleted: false })),
      workingSetDays: workingSet.days,
    };
  });
}
