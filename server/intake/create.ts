/**
 * Turning a validated request into a ticket, exactly once per (principal, idempotency key).
 *
 * In one transaction: the idempotency row is inserted first, so a concurrent duplicate waits on its key and then
 * replays; the request is routed (rules → queue, priority, assignment), numbered, given its SLA fields by the shared
 * engine (withServerFields, as a push would), and written through the server's write path (sequence, audit, change
 * note → live streams → replicas). A replay with the same body returns the stored answer; a different body under
 * the same key is a 409.
 */
import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson } from '../../shared/canonical';
import { priorityFrom } from '../../shared/domain/priority';
import { emptySla, type Ticket, TicketSchema, ticketLabel } from '../../shared/domain/ticket';
import type { User } from '../../shared/domain/user';
import type { IntakeResponse } from '../../shared/server-api/intake';
import { describeIssues } from '../../shared/validation';
import { mayActFor } from '../api-keys/keys';
import { type Database, pgErrorCode, type Queryable, UNIQUE_VIOLATION } from '../db/database';
import { badRequest, forbidden, HttpError } from '../http/errors';
import { route } from '../routing/route';
import { chooseAssignee, loadRoutingRules } from '../routing/store';
import { nextTicketNumber } from '../sync/push-tickets';
import { loadReferenceData, type ReferenceData } from '../sync/reference';
import { withServerFields } from '../sync/ticket-fields';
import { insertTicket } from '../ticket-writes/write';
import { type Principal, principalKey } from './principal';
import type { ValidIntake } from './validate';

export interface SubmitContext {
  db: Database;
  deviceId: string;
  now: () => Date;
  log: { warn(details: object, message: string): void };
}

export interface Submitted {
  /** 201 created, 200 replayed. */
  status: 200 | 201;
  body: IntakeResponse;
}

const ATTEMPTS = 3;

export async function submitRequest(ctx: SubmitContext, principal: Principal, valid: ValidIntake): Promise<Submitted> {
  const requester = await resolveRequester(ctx.db, principal, valid.request.requesterEmail);
  const { idempotencyKey, ...rest } = valid.request;
  const requestHash = createHash('sha256')
    .update(canonicalJson({ ...rest, formData: valid.formData, requesterEmail: undefined, requesterId: requester.id }))
    .digest('hex');
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await ctx.db.transaction((tx) => submitOnce(ctx, tx, { principal, requester, valid, requestHash }));
    } catch (error) {
      // A concurrent submission with the same key committed first: the next attempt replays it.
      if (attempt < ATTEMPTS && pgErrorCode(error) === UNIQUE_VIOLATION) continue;
      throw error;
    }
  }
}

interface Submission {
  principal: Principal;
  requester: User;
  valid: ValidIntake;
  requestHash: string;
}

async function submitOnce(ctx: SubmitContext, tx: Queryable, submission: Submission): Promise<Submitted> {
  const { principal, valid, requestHash } = submission;
  const key = principalKey(principal);
  const idempotencyKey = valid.request.idempotencyKey;
  const previous = await tx.query<{ request_hash: string; response: IntakeResponse }>(
    'SELECT request_hash, response FROM intake_requests WHERE principal = $1 AND idempotency_key = $2',
    [key, idempotencyKey],
  );
  const earlier = previous.rows[0];
  if (earlier) {
    if (earlier.request_hash === requestHash) return { status: 200, body: earlier.response };
    throw new HttpError(
      409,
      `idempotencyKey: this key was already used for a different request (${earlier.response.ticket.label}); use a new key for a new request`,
    );
  }
  const now = ctx.now();
  const ticketId = randomUUID();
  // Claims the key before anything else: a concurrent duplicate blocks here until this commits, then replays.
  await tx.query(
    `INSERT INTO intake_requests (principal, idempotency_key, request_hash, ticket_id, response, created_at)
     VALUES ($1, $2, $3, $4, '{}'::jsonb, $5)`,
    [key, idempotencyKey, requestHash, ticketId, now.toISOString()],
  );

  const reference = await loadReferenceData(tx);
  const number = await nextTicketNumber(tx);
  const draft = await routedDraft(tx, reference, submission, ticketId, now);
  const ticket = withServerFields({
    client: draft,
    before: null,
    newNumber: number,
    now,
    reference,
    onSlaConfigError: (error) => ctx.log.warn({ ticketId, reason: error.message }, 'SLA not computed'),
  });
  const body: IntakeResponse = {
    ticket: {
      id: ticket.id,
      number,
      label: ticketLabel(ticket),
      title: ticket.title,
      status: ticket.status,
      priority: ticket.priority,
      queueName: reference.queues.get(ticket.queueId)?.name ?? ticket.queueId,
      createdAt: ticket.createdAt,
    },
  };
  // Answered as stored, so the first answer and every replay are the same bytes (jsonb orders keys its own way).
  const stored = await tx.query<{ response: IntakeResponse }>(
    `UPDATE intake_requests SET response = $3::text::jsonb WHERE principal = $1 AND idempotency_key = $2
     RETURNING response`,
    [key, idempotencyKey, JSON.stringify(body)],
  );
  const actorId = principal.kind === 'requester' ? principal.user.id : `api-key:${principal.integration.id}`;
  await insertTicket(ctx.db, tx, ticket, { actorId, deviceId: ctx.deviceId || 'intake' });
  return { status: 201, body: stored.rows[0]?.response ?? body };
}

/** The new ticket as the request and the routing rules make it (server-owned fields still empty). */
async function routedDraft(
  tx: Queryable,
  reference: ReferenceData,
  { requester, valid }: Submission,
  id: string,
  now: Date,
): Promise<Ticket> {
  const { item, request, formData } = valid;
  const title = request.title ?? `${item.name} for ${requester.name}`.slice(0, 200);
  const decision = route(
    { catalogItemId: item.id, title, description: request.description, department: requester.department },
    await loadRoutingRules(tx),
    {
      defaults: { queueId: item.defaultQueueId, impact: item.impact, urgency: item.urgency },
      queueIds: new Set(reference.queues.keys()),
    },
  );
  if (!reference.queues.has(decision.queueId)) {
    throw new HttpError(503, `"${item.name}" cannot be routed: its queue no longer exists; tell the service desk`);
  }
  const assigneeId = await chooseAssignee(tx, decision.queueId, decision.assignment);
  const candidate: Ticket = {
    id,
    number: null,
    type: item.ticketType,
    title,
    description: request.description,
    requesterId: requester.id,
    status: 'new',
    impact: decision.impact,
    urgency: decision.urgency,
    priority: priorityFrom(decision.impact, decision.urgency),
    queueId: decision.queueId,
    assigneeId,
    catalogItemId: item.id,
    category: item.category,
    tags: [],
    formData,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    firstResponseAt: null,
    resolvedAt: null,
    // Placeholders the schema accepts; withServerFields computes the real ones.
    sla: emptySla('none'),
    slaDueAt: 0,
    slaWarnAt: 0,
  };
  const parsed = TicketSchema.safeParse(candidate);
  if (!parsed.success) throw badRequest(`Invalid request: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

async function resolveRequester(db: Queryable, principal: Principal, email: string | undefined): Promise<User> {
  if (principal.kind === 'requester') {
    if (email !== undefined && email.toLowerCase() !== principal.user.email.toLowerCase()) {
      throw forbidden('requesterEmail: requesters can only submit requests for themselves');
    }
    return principal.user;
  }
  if (email === undefined) {
    throw badRequest('Invalid request: requesterEmail: is required when an integration submits a request', {
      issues: [{ path: ['requesterEmail'], message: 'is required when an integration submits a request' }],
    });
  }
  const { integration } = principal;
  if (!mayActFor(integration.onBehalfOf, email)) {
    throw forbidden(`requesterEmail: the API key "${integration.name}" may not raise requests for ${email}`);
  }
  const found = await db.query<{ doc: User }>(
    `SELECT doc FROM users WHERE lower(email) = lower($1) AND NOT deleted AND active AND role = 'requester'`,
    [email],
  );
  const user = found.rows[0]?.doc;
  if (!user) {
    throw badRequest(`Invalid request: requesterEmail: there is no active requester ${email}`, {
      issues: [{ path: ['requesterEmail'], message: 'there is no active requester with this email' }],
    });
  }
  return user;
}
