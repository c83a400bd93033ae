import type { FastifyInstance } from 'fastify';
import type { BringBackResponse } from '../../shared/server-api/ticket-bring-back';
import type { TicketReadResponse } from '../../shared/server-api/ticket-read';
import { requireAuth } from '../auth/context';
import type { Database } from '../db/database';
import { bringBack, workingSetState } from '../sync/working-set';
import { visibleTicket } from './visible-ticket';

/**
 * A ticket outside the working set, for staff who may see it (by the same scope as pull; one they may not see is
 * "not found", as one that does not exist):
 * - GET /api/tickets/:id reads it with its comments and the working set's days (shared/server-api/ticket-read.ts);
 * - POST /api/tickets/:id/working-set brings it back into the working set to be worked on
 *   (shared/server-api/ticket-bring-back.ts).
 */
export function ticketReadRoutes(app: FastifyInstance, db: Database): void {
  app.get('/api/tickets/:id', async (request): Promise<TicketReadResponse> => {
    const { user } = requireAuth(request);
    const ticket = await visibleTicket(db, user, (request.params as { id: string }).id);
    const [comments, workingSet] = await Promise.all([
      db.query<{ doc: TicketReadResponse['comments'][number] }>(
        'SELECT doc FROM comments WHERE ticket_id = $1 AND NOT deleted ORDER BY seq',
        [ticket.id],
      ),
      workingSetState(db),
    ]);
    return {
      ticket: { ...JSON.parse(ticket.doc), _deleted: false },
      comments: comments.rows.map((comment) => ({ ...comment.doc, _deleted: false })),
      workingSetDays: workingSet.days,
    };
  });

  app.post('/api/tickets/:id/working-set', async (request): Promise<BringBackResponse> => {
    const { user } = requireAuth(request);
    const ticket = await visibleTicket(db, user, (request.params as { id: string }).id);
    const broughtBack = await db.transaction((tx) => bringBack(db, tx, ticket.id, new Date()));
    if (broughtBack)
      request.log.info({ ticketId: ticket.id, userId: user.id }, 'ticket brought back into the working set');
    return { broughtBack };
  });
}
