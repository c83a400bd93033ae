import type { FastifyInstance } from 'fastify';
import { mayUse, onlyFor } from '../../shared/domain/access';
import type { HistoryResponse } from '../../shared/server-api/history';
import { requireAuth } from '../auth/context';
import type { Database } from '../db/database';
import { forbidden, notFound } from '../http/errors';
import { canSeeTicket, ticketScope } from '../scope';
import { ticketHistory } from '../sync/audit';

/** A ticket's audit trail, for supervisors of its queue and admins. */
export function historyRoutes(app: FastifyInstance, db: Database): void {
  app.get('/api/tickets/:id/history', async (request): Promise<HistoryResponse> => {
    const { user } = requireAuth(request);
    if (!mayUse(user.role, 'ticketHistory')) throw forbidden(`${onlyFor('ticketHistory')} can read a ticket’s history`);
    const id = (request.params as { id: string }).id;
    const found = await db.query<{ queue_id: string; assignee_id: string; requester_id: string }>(
      'SELECT queue_id, assignee_id, requester_id FROM tickets WHERE id = $1',
      [id.slice(0, 64)],
    );
    const row = found.rows[0];
    if (!row || id.length > 64) throw notFound(`There is no ticket ${id.slice(0, 64)}`);
    const keys = { queueId: row.queue_id, assigneeId: row.assignee_id, requesterId: row.requester_id };
    if (!canSeeTicket(ticketScope(user), keys)) throw forbidden('This ticket is in a queue you do not supervise');
    return { ticketId: id, events: await ticketHistory(db, id) };
  });
}
