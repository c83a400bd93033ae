import { type FormData, formSchemaFor } from '../../../shared/domain/catalog';
import { type Comment, CommentSchema, type Visibility } from '../../../shared/domain/comment';
import { checkTransition, type Status } from '../../../shared/domain/lifecycle';
import { type Level, type Priority, priorityFrom } from '../../../shared/domain/priority';
import { NO_DUE, type Ticket, TicketSchema, UNASSIGNED } from '../../../shared/domain/ticket';
import type { TicketType } from '../../../shared/domain/ticket-type';
import type { User } from '../../../shared/domain/user';
import { err, ok, type Result } from '../../../shared/result';
import { type LocalTicket, toLocalTicket, withoutLocalFields } from '../../../shared/rxdb/schemas';
import { same } from '../../../shared/sync/merge';
import type { SyncCollection } from '../../../shared/sync/protocol';
import { checkRoleWrite } from '../../../shared/sync/write-rules';
import { describeIssues } from '../../../shared/validation';
import type { StoreDatabase } from './database';
import { docContent } from './doc-state';
import { levelsFor, priorityProblem } from './levels';
import { withLocalSla } from './local-sla';
import { NothingChanged } from './no-op-writes';
import { STORAGE_EDIT_TEXT, storageFailureOf } from './storage-failure';

/**
 * The write API of the store: the only way the UI changes documents. Each write
 * 1. validates locally (domain schema, lifecycle transition for the user's role) and refuses with a readable error,
 * 2. records the document in the outbox (the pending count) before writing it, so a crash never hides a change,
 *    and again after, so a reconciliation that ran in between (and saw the old state) cannot hide it either,
 * 3. writes the replica; replication pushes it when online.
 * Ticket ids are client-generated (crypto.randomUUID) so tickets can be created offline; `number` stays null until
 * the server assigns it. SLA fields are computed locally so due times show offline (the server's values win later).
 */

export interface NewTicketInput {
  type: TicketType;
  title: string;
  description?: string;
  queueId: string;
  impact: Level;
  urgency: Level;
  /** Defaults to the signed-in user (an agent logging a call usually passes the caller). */
  requesterId?: string;
  assigneeId?: string;
  category?: string;
  tags?: string[];
}

export interface CatalogTicketInput {
  catalogItemId: string;
  formData: FormData;
  title?: string;
  description?: string;
  requesterId?: string;
}

/**
 * The fields a user may change on a ticket. Priority follows impact × urgency (the server refuses anything else):
 * changing impact or urgency recomputes it, and choosing a priority alone chooses the nearest levels that give it.
 */
export type TicketPatch = Partial<
  Pick<
    Ticket,
    | 'title'
    | 'description'
    | 'status'
    | 'impact'
    | 'urgency'
    | 'priority'
    | 'queueId'
    | 'assigneeId'
    | 'category'
    | 'tags'
    | 'formData'
    | 'type'
  >
>;

export interface StoreActions {
  createTicket(input: NewTicketInput): Promise<Result<LocalTicket>>;
  createTicketFromCatalog(input: CatalogTicketInput): Promise<Result<LocalTicket>>;
  updateTicket(id: string, patch: TicketPatch): Promise<Result<LocalTicket>>;
  assign(id: string, assigneeId: string): Promise<Result<LocalTicket>>;
  setStatus(id: string, status: Status): Promise<Result<LocalTicket>>;
  setPriority(id: string, priority: Priority): Promise<Result<LocalTicket>>;
  moveQueue(id: string, queueId: string): Promise<Result<LocalTicket>>;
  addComment(ticketId: string, body: string, visibility: Visibility): Promise<Result<Comment>>;
  /** Supervisor bulk edits: each ticket is validated and written on its own; the result lists each outcome. */
  bulkUpdate(ids: readonly string[], patch: TicketPatch): Promise<Result<LocalTicket>[]>;
  bulkAssign(ids: readonly string[], assigneeId: string): Promise<Result<LocalTicket>[]>;
  bulkSetStatus(ids: readonly string[], status: Status): Promise<Result<LocalTicket>[]>;
  bulkMoveQueue(ids: readonly string[], queueId: string): Promise<Result<LocalTicket>[]>;
}

export interface ActionsDeps {
  db: StoreDatabase;
  user: User;
  now?: () => Date;
  newId?: () => string;
}

/** Internal writes shared with the conflict and rejection APIs. */
export interface StoreWriter extends StoreActions {
  /** Records a pending change for the document; call before writing it. */
  markPending(collection: SyncCollection, docId: string): Promise<void>;
  /** Writes a whole ticket state (a refused create retried, an edited refused update) after validating it. */
  putTicket(ticket: Ticket, options?: { checkTransitionFrom?: Status }): Promise<Result<LocalTicket>>;
  putComment(comment: Comment): Promise<Result<Comment>>;
}

class ActionError extends Error {}
/** The edit changes nothing the user owns: no write, nothing to push (see modifyTicket). */
class Unchanged extends Error {}
const GONE = 'This ticket is no longer on this workstation (reassigned away or refused); the change was not made.';
const GONE_FOR_COMMENT =
  'This ticket is not on this workstation (not yours to see, or reassigned away); the comment was not added.';

export function createActions({ db, user, now = () => new Date(), newId }: ActionsDeps): StoreWriter {
  const makeId = newId ?? (() => globalThis.crypto.randomUUID());
  // A technician's new ticket is theirs (the server accepts no other); everyone else's starts unassigned.
  const newTicketAssignee = user.role === 'technician' ? user.id : UNASSIGNED;

  async function markPending(collection: SyncCollection, docId: string): Promise<void> {
    // `at` is unique per write so the pending tracker can tell a newer write from the one it checked.
    const at = `${now().toISOString()}~${Math.random().toString(36).slice(2, 8)}`;
    await db.outbox.upsert({ id: `${collection}:${docId}`, collectionName: collection, docId, at });
  }

  function validTicket(ticket: Ticket): Ticket {
    const parsed = TicketSchema.safeParse(ticket);
    if (!parsed.success) throw new ActionError(describeIssues(parsed.error));
    const problem = priorityProblem(parsed.data);
    if (problem) throw new ActionError(problem);
    return parsed.data;
  }

  /** Refuses, with the server's own reason, what the user's role may not write (shared/sync/write-rules.ts). */
  async function checkRole(before: Ticket | null, after: Ticket): Promise<void> {
    // The replica's copy of the user: an admin may have changed their role or queues since they signed in.
    const writer = (await db.users.findOne(user.id).exec()) ?? user;
    if (writer.role === 'admin') return;
    const queues = await db.queues.find().exec();
    const name = (id: string) => queues.find((q) => q.id === id)?.name ?? id;
    const refusal = checkRoleWrite(writer, before, after, name);
    if (refusal) throw new ActionError(`${refusal.message}.`);
  }

  async function insertTicket(draft: Ticket): Promise<Result<LocalTicket>> {
    try {
      await checkRole(null, draft);
      const ticket = await withLocalSla(db, validTicket(draft), null, now());
      await markPending('tickets', ticket.id);
      const doc = await db.tickets.upsert(toLocalTicket(ticket));
      await markPending('tickets', ticket.id);
      return ok(doc.toMutableJSON());
    } catch (error) {
      const existing = error instanceof NothingChanged && (await db.tickets.findOne(draft.id).exec());
      if (existing) return ok(existing.toMutableJSON());
      return err(messageOf(error));
    }
  }

  function draftTicket(
    fields: Omit<
      Ticket,
      | 'id'
      | 'number'
      | 'createdAt'
      | 'updatedAt'
      | 'status'
      | 'sla'
      | 'slaDueAt'
      | 'slaWarnAt'
      | 'firstResponseAt'
      | 'resolvedAt'
      | 'priority'
    >,
  ): Ticket {
    const at = now().toISOString();
    return {
      id: makeId(),
      number: null,
      status: 'new',
      priority: priorityFrom(fields.impact, fields.urgency),
      createdAt: at,
      updatedAt: at,
      firstResponseAt: null,
      resolvedAt: null,
      sla: {
        policyId: 'unassigned',
        pauses: [],
        responseDueAt: null,
        resolutionDueAt: null,
        responseBreached: false,
        resolutionBreached: false,
        escalations: [],
      },
      slaDueAt: NO_DUE,
      slaWarnAt: NO_DUE,
      ...fields,
    };
  }

  async function modifyTicket(
    id: string,
    change: (current: Ticket) => Ticket,
    options: { checkTransition: boolean },
  ): Promise<Result<LocalTicket>> {
    const doc = await db.tickets.findOne(id).exec();
    if (!doc) return err(`Ticket ${id} is not in this workstation's replica`);
    try {
      await markPending('tickets', id);
      // incrementalModify re-runs on the latest state if replication wrote in between, so no write is lost.
      const at = now();
      const written = await doc.incrementalModify(async (data) => {
        // Replication may have removed it meanwhile (reassigned away, or a refused create): an edit would vanish.
        if ((data as { _deleted?: boolean })._deleted) throw new ActionError(GONE);
        const current = withoutLocalFields('tickets', docContent(data)) as Ticket;
        const next = change(current);
        // A no-op would still bump updatedAt and push; the server answers "unchanged" without writing, and the
        // replica would keep its own server-owned values (updatedAt, SLA) instead of the server's.
        if (same(clientFields(next), clientFields(current))) throw new Unchanged();
        await checkRole(current, next);
        if (options.checkTransition && next.status !== current.status) {
          const check = checkTransition(current.status, next.status, user.role);
          if (!check.ok) throw new ActionError(`${check.reason}.`);
        }
        const valid = validTicket({ ...next, updatedAt: at.toISOString() });
        const slaRelevant =
          valid.status !== current.status || valid.priority !== current.priority || valid.queueId !== current.queueId;
        const withSla = slaRelevant ? await withLocalSla(db, valid, current.status, at) : valid;
        return { ...data, ...toLocalTicket(withSla) };
      });
      if (written.deleted) return err(GONE);
      await markPending('tickets', id);
      return ok(written.toMutableJSON());
    } catch (error) {
      // Unchanged: this edit changed nothing; NothingChanged: edits queued together cancelled out (no-op-writes.ts).
      if (error instanceof Unchanged || error instanceof NothingChanged) return ok(doc.getLatest().toMutableJSON());
      return err(messageOf(error));
    }
  }

  const updateTicket = (id: string, patch: TicketPatch) =>
    modifyTicket(id, (current) => applyPatch(current, patch), { checkTransition: true });

  const bulk = (ids: readonly string[], patch: TicketPatch) => Promise.all(ids.map((id) => updateTicket(id, patch)));

  async function putComment(comment: Comment): Promise<Result<Comment>> {
    const parsed = CommentSchema.safeParse(comment);
    if (!parsed.success) return err(describeIssues(parsed.error));
    // Only on tickets this workstation holds: the server refuses comments on tickets outside the user's scope.
    if (!(await db.tickets.findOne(parsed.data.ticketId).exec())) return err(GONE_FOR_COMMENT);
    try {
      await markPending('comments', parsed.data.id);
      const doc = await db.comments.upsert(parsed.data);
      await markPending('comments', parsed.data.id);
      return ok(doc.toMutableJSON());
    } catch (error) {
      if (error instanceof NothingChanged) return ok(parsed.data);
      return err(messageOf(error));
    }
  }

  return {
    markPending,
    putComment,
    async putTicket(ticket, options) {
      const existing = await db.tickets.findOne(ticket.id).exec();
      if (!existing) return insertTicket(ticket);
      return modifyTicket(ticket.id, (current) => ({ ...current, ...clientFields(ticket) }), {
        checkTransition: options?.checkTransitionFrom !== undefined,
      });
    },

    createTicket(input) {
      return insertTicket(
        draftTicket({
          type: input.type,
          title: input.title,
          description: input.description ?? '',
          requesterId: input.requesterId ?? user.id,
          impact: input.impact,
          urgency: input.urgency,
          queueId: input.queueId,
          assigneeId: input.assigneeId ?? newTicketAssignee,
          catalogItemId: '',
          category: input.category ?? '',
          tags: input.tags ?? [],
          formData: {},
        }),
      );
    },

    async createTicketFromCatalog(input) {
      const item = await db.catalog.findOne(input.catalogItemId).exec();
      if (!item) return err(`Catalog item ${input.catalogItemId} is not in this workstation's replica`);
      if (!item.active) return err(`Catalog item "${item.name}" is no longer offered`);
      const form = formSchemaFor(item).safeParse(input.formData);
      if (!form.success) return err(describeIssues(form.error));
      const formData = Object.fromEntries(Object.entries(form.data).filter(([, v]) => v !== undefined)) as FormData;
      return insertTicket(
        draftTicket({
          type: item.ticketType,
          title: input.title ?? item.name,
          description: input.description ?? '',
          requesterId: input.requesterId ?? user.id,
          impact: item.impact,
          urgency: item.urgency,
          queueId: item.defaultQueueId,
          assigneeId: newTicketAssignee,
          catalogItemId: item.id,
          category: item.category,
          tags: [],
          formData,
        }),
      );
    },

    updateTicket,
    assign: (id, assigneeId) => updateTicket(id, { assigneeId }),
    setStatus: (id, status) => updateTicket(id, { status }),
    setPriority: (id, priority) => updateTicket(id, { priority }),
    moveQueue: (id, queueId) => updateTicket(id, { queueId }),

    addComment(ticketId, body, visibility) {
      return putComment({
        id: makeId(),
        ticketId,
        authorId: user.id,
        body,
        visibility,
        createdAt: now().toISOString(),
      });
    },

    bulkUpdate: bulk,
    bulkAssign: (ids, assigneeId) => bulk(ids, { assigneeId }),
    bulkSetStatus: (ids, status) => bulk(ids, { status }),
    bulkMoveQueue: (ids, queueId) => bulk(ids, { queueId }),
  };
}

export function applyPatch(current: Ticket, patch: TicketPatch): Ticket {
  const next: Ticket = { ...current, ...patch };
  const levelsChanged = patch.impact !== undefined || patch.urgency !== undefined;
  if (levelsChanged && patch.priority === undefined) next.priority = priorityFrom(next.impact, next.urgency);
  if (!levelsChanged && patch.priority !== undefined)
    Object.assign(next, levelsFor(next.impact, next.urgency, patch.priority));
  return next;
}

const CLIENT_FIELDS = [
  'type',
  'title',
  'description',
  'requesterId',
  'status',
  'impact',
  'urgency',
  'priority',
  'queueId',
  'assigneeId',
  'catalogItemId',
  'category',
  'tags',
  'formData',
] as const satisfies readonly (keyof Ticket)[];

/** The fields of a ticket a client may set (server-owned fields and identity excluded). */
export function clientFields(ticket: Ticket): TicketPatch & Pick<Ticket, 'requesterId' | 'catalogItemId'> {
  const out: Record<string, unknown> = {};
  for (const field of CLIENT_FIELDS) out[field] = ticket[field];
  return out as TicketPatch & Pick<Ticket, 'requesterId' | 'catalogItemId'>;
}

function messageOf(error: unknown): string {
  const storage = storageFailureOf(error);
  if (storage) return STORAGE_EDIT_TEXT[storage];
  return error instanceof Error ? error.message : String(error);
}
