/**
 * The requester portal's API (shared/server-api/portal.ts). Requesters only. Replies and resolution go through the
 * sync push path (pushComments / pushTickets) with the requester as the actor, so the same scope, lifecycle
 * (`checkTransition` for the requester role), SLA, audit and replication rules apply as for any other change.
 * Replies are limited per requester (`repliesPerMinute`), as the request form is (intake/routes.ts).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Comment } from '../../shared/domain/comment';
import { STATUS_LABELS } from '../../shared/domain/lifecycle';
import type { Ticket } from '../../shared/domain/ticket';
import type { User } from '../../shared/domain/user';
import { INTAKE_BODY_LIMIT } from '../../shared/server-api/intake';
import {
  type PortalCatalogResponse,
  PortalReplyRequestSchema,
  PortalResolutionRequestSchema,
  type PortalTicketDetail,
  type PortalTicketsResponse,
} from '../../shared/server-api/portal';
import { parseBody } from '../admin/reference-routes';
import { requireAuth } from '../auth/context';
import type { Database } from '../db/database';
import { forbidden, HttpError, notFound } from '../http/errors';
import { clientAddress, routeLimit } from '../http/rate-limits';
import { pushComments } from '../sync/push-comments';
import type { PushContext, RowOutcome } from '../sync/push-row';
import { pushTickets } from '../sync/push-tickets';
import { ReferenceCache } from '../sync/reference';
import { catalogView, detailView, summaryView } from './view';

const LIST_LIMIT = 200;

function requireRequester(request: FastifyRequest): User {
  const { user } = requireAuth(request);
  if (user.role !== 'requester') {
    throw forbidden('The portal is for requesters: staff see and work tickets in the workstation');
  }
  return user;
}

/** The requester's own ticket, or 404 (whether it exists for someone else is not revealed). */
async function ownTicket(db: Database, me: User, params: unknown): Promise<Ticket> {
  const id = String((params as { id?: unknown }).id ?? '');
  const found =
    id.length > 0 && id.length <= 64
      ? await db.query<{ doc: Ticket }>('SELECT doc FROM tickets WHERE id = $1 AND requester_id = $2 AND NOT deleted', [
          id,
          me.id,
        ])
      : { rows: [] };
  const ticket = found.rows[0]?.doc;
  if (!ticket) throw notFound('You have no ticket with this id');
  return ticket;
}

/** A push outcome as an HTTP answer: refusals keep their reason. */
function settled(outcome: RowOutcome | undefined): void {
  if (!outcome || outcome.kind === 'written' || outcome.kind === 'unchanged') return;
  if (outcome.kind === 'conflict') throw new HttpError(409, 'The ticket changed meanwhile: reload it and try again');
  const { code, message } = outcome.rejection;
  throw new HttpError(
    code === 'validation' ? 400 : code === 'not_found' ? 404 : code === 'forbidden' ? 403 : 409,
    message,
  );
}

export interface PortalOptions {
  /** Replies a minute per requester (default 30), counted across server processes (http/rate-limits.ts). */
  repliesPerMinute?: number;
}

export const DEFAULT_PORTAL_REPLIES_PER_MINUTE = 30;

export function portalRoutes(app: FastifyInstance, db: Database, options: PortalOptions = {}): void {
  const references = new ReferenceCache();
  // Counted after the auth hook (app-wide hooks run first), per requester whatever the ticket, before the body is
  // read: a script with a requester's token cannot flood the desk's queues with replies.
  const replyLimit = routeLimit(
    'Too many replies',
    options.repliesPerMinute ?? DEFAULT_PORTAL_REPLIES_PER_MINUTE,
    (request) => `portal-reply:${request.auth?.user.id ?? clientAddress(request)}`,
  );
  const catalogNow = async () => (await references.current(db)).catalog;
  const context = (request: FastifyRequest, me: User): PushContext => ({
    db,
    actor: me,
    deviceId: request.deviceId || 'portal',
    now: () => new Date(),
    references,
    log: request.log,
  });

  app.get('/api/portal/catalog', async (request): Promise<PortalCatalogResponse> => {
    requireRequester(request);
    const catalog = await catalogNow();
    const items = [...catalog.values()]
      .filter((item) => item.active)
      .sort((a, b) => a.category.localeCompare(b.category) || a.name.localeCompare(b.name));
    return { items: items.map(catalogView) };
  });

  app.get('/api/portal/tickets', async (request): Promise<PortalTicketsResponse> => {
    const me = requireRequester(request);
    const rows = await db.query<{ doc: Ticket }>(
      'SELECT doc FROM tickets WHERE requester_id = $1 AND NOT deleted ORDER BY seq DESC LIMIT $2',
      [me.id, LIST_LIMIT],
    );
    const catalog = await catalogNow();
    return { tickets: rows.rows.map((row) => summaryView(row.doc, catalog)) };
  });

  app.get('/api/portal/tickets/:id', async (request): Promise<PortalTicketDetail> => {
    const me = requireRequester(request);
    const ticket = await ownTicket(db, me, request.params);
    return detailView(db, me, ticket, await catalogNow());
  });

  const replyConfig = { bodyLimit: INTAKE_BODY_LIMIT, config: { rateLimit: replyLimit } };
  app.post('/api/portal/tickets/:id/replies', replyConfig, async (request, reply) => {
    const me = requireRequester(request);
    const input = parseBody(PortalReplyRequestSchema, request.body, 'reply');
    const ticket = await ownTicket(db, me, request.params);
    if (ticket.status === 'closed') {
      throw new HttpError(409, 'This ticket is closed: submit a new request if you need more help');
    }
    const ctx = context(request, me);
    const id = input.id ?? randomUUID();
    const existing = (await db.query<{ doc: Comment }>('SELECT doc FROM comments WHERE id = $1', [id])).rows[0]?.doc;
    if (existing) {
      // A retried reply (same id): stored once; the same words from the same person on the same ticket is a replay.
      const same = existing.authorId === me.id && existing.ticketId === ticket.id && existing.body === input.body;
      if (!same) throw new HttpError(409, 'id: this reply id is already used; send the reply with a new id');
    } else {
      const comment: Comment = {
        id,
        ticketId: ticket.id,
        authorId: me.id,
        body: input.body,
        visibility: 'public',
        createdAt: new Date().toISOString(),
      };
      const [outcome] = await pushComments(ctx, [{ assumedMasterState: null, newDocumentState: comment }]);
      settled(outcome);
    }
    const fresh = await ownTicket(db, me, request.params);
    return reply.code(existing ? 200 : 201).send(await detailView(db, me, fresh, await catalogNow()));
  });

  app.post('/api/portal/tickets/:id/resolution', { bodyLimit: INTAKE_BODY_LIMIT }, async (request) => {
    const me = requireRequester(request);
    const input = parseBody(PortalResolutionRequestSchema, request.body, 'answer');
    let ticket = await ownTicket(db, me, request.params);
    const target = input.accept ? 'closed' : 'open';
    if (ticket.status === target) return detailView(db, me, ticket, await catalogNow());
    if (ticket.status !== 'resolved') {
      throw new HttpError(
        409,
        `Only a resolved ticket can be confirmed or reopened; this one is ${STATUS_LABELS[ticket.status]}`,
      );
    }
    const ctx = context(request, me);
    if (!input.accept && input.comment) {
      const comment: Comment = {
        id: randomUUID(),
        ticketId: ticket.id,
        authorId: me.id,
        body: input.comment,
        visibility: 'public',
        createdAt: new Date().toISOString(),
      };
      settled((await pushComments(ctx, [{ assumedMasterState: null, newDocumentState: comment }]))[0]);
      ticket = await ownTicket(db, me, request.params);
    }
    const master = { ...ticket, _deleted: false };
    const [outcome] = await pushTickets(ctx, [
      { assumedMasterState: master, newDocumentState: { ...master, status: target } },
    ]);
    settled(outcome);
    return detailView(db, me, await ownTicket(db, me, request.params), await catalogNow());
  });
}
