import { sameJson } from '../../../shared/canonical';
import { assigneeAfterMove } from '../../../shared/domain/assignment';
import { type FormData, formSchemaFor } from '../../../shared/domain/catalog';
import { type Comment, CommentSchema, type Visibility } from '../../../shared/domain/comment';
import { checkTransition, type Status } from '../../../shared/domain/lifecycle';
import { type Level, levelsFor, type Priority, priorityFrom, priorityProblem } from '../../../shared/domain/priority';
import {
  CLIENT_OWNED_TICKET_FIELDS,
  emptySla,
  NO_DUE,
  type Ticket,
  TicketSchema,
  UNASSIGNED,
} from '../../../shared/domain/ticket';
import type { TicketType } from '../../../shared/domain/ticket-type';
import type { User } from '../../../shared/domain/user';
import { err, ok, type Result } from '../../../shared/result';
import { type LocalTicket, toLocalTicket, withoutLocalFields } from '../../../shared/rxdb/schemas';
import { commentAuthorRefusal } from '../../../shared/sync/comment-rules';
import type { SyncCollection } from '../../../shared/sync/protocol';
import { checkRoleWrite, createsForSelf, type WriteDirectory } from '../../../shared/sync/write-rules';
import { describeIssues } from '../../../shared/validation';
import type { StoreDatabase } from './database';
import { docContent } from './doc-state';
import { withLocalSla } from './local-sla';
import { NothingChanged } from './no-op-writes';
import { messageOf } from './storage-failure';

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
  assigneeId?: string;
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
  /** A bulk edit with its own patch per ticket (distributing a queue over agents): one action, undone as one. */
  bulkPatch(edits: readonly TicketPatchFor[]): Promise<Result<LocalTicket>[]>;
  bulkAssign(ids: readonly string[], assigneeId: string): Promise<Result<LocalTicket>[]>;
  bulkSetStatus(ids: readonly string[], status: Status): Promise<Result<LocalTicket>[]>;
  bulkMoveQueue(ids: readonly string[], queueId: string): Promise<Result<LocalTicket>[]>;
}

export interface TicketPatchFor {
  id: string;
  patch: TicketPatch;
}

/** What an edit changed: the ticket as it was just before and as written (the undo log keeps both). */
export interface TicketEdit {
  before: Ticket;
  after: LocalTicket;
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
  /** `updateTicket`, also saying what the write changed (`edit` null: nothing, so nothing was written). */
  editTicket(id: string, patch: TicketPatch): Promise<Result<{ ticket: LocalTicket; edit: TicketEdit | null }>>;
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
  const newTicketAssignee = createsForSelf(user.role) ? user.id : UNASSIGNED;

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

  /** The people and queues the write rules name, as the replica has them. */
  async function directory(): Promise<WriteDirectory> {
    const [queues, users] = await Promise.all([db.queues.find().exec(), db.users.find().exec()]);
    const byId = new Map(users.map((u) => [u.id, u.toJSON() as User]));
    return {
      queueName: (id) => queues.find((q) => q.id === id)?.name ?? id,
      user: (id) => byId.get(id),
    };
  }

  /** Refuses, with the server's own reason, what the user's role may not write (shared/sync/write-rules.ts). */
  async function checkRole(before: Ticket | null, after: Ticket): Promise<void> {
    // The replica's copy of the user: an admin may have changed their role or queues since they signed in.
    const writer = (await db.users.findOne(user.id).exec()) ?? user;
    const refusal = checkRoleWrite(writer, before, after, await directory());
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
      sla: emptySla('unassigned'),
      slaDueAt: NO_DUE,
      slaWarnAt: NO_DUE,
      ...fields,
    };
  }

  async function modifyTicket(
    id: string,
    change: (current: Ticket) => Ticket,
    options: { checkTransition: boolean },
  ): Promise<Result<{ ticket: LocalTicket; edit: TicketEdit | null }>> {
    const doc = await db.tickets.findOne(id).exec();
    if (!doc) return err(`Ticket ${id} is not in this workstation's replica`);
    // The state the written change was made on: incrementalModify's last run is the one that was written.
    const seen: { before: Ticket | null } = { before: null };
    try {
      await markPending('tickets', id);
      // incrementalModify re-runs on the latest state if replication wrote in between, so no write is lost.
      const at = now();
      const written = await doc.incrementalModify(async (data) => {
        seen.before = null;
        // Replication may have removed it meanwhile (reassigned away, or a refused create): an edit would vanish.
        if ((data as { _deleted?: boolean })._deleted) throw new ActionError(GONE);
        const current = withoutLocalFields('tickets', docContent(data)) as Ticket;
        const next = change(current);
        // A no-op would still bump updatedAt and push; the server answers "unchanged" without writing, and the
        // replica would keep its own server-owned values (updatedAt, SLA) instead of the server's.
        if (sameJson(clientFields(next), clientFields(current))) throw new Unchanged();
        await checkRole(current, next);
        if (options.checkTransition && next.status !== current.status) {
          const check = checkTransition(current.status, next.status, user.role);
          if (!check.ok) throw new ActionError(`${check.reason}.`);
        }
        const valid = validTicket({ ...next, updatedAt: at.toISOString() });
        const slaRelevant =
          valid.status !== current.status || valid.priority !== current.priority || valid.queueId !== current.queueId;
        const withSla = slaRelevant ? await withLocalSla(db, valid, current, at) : valid;
        seen.before = current;
        return { ...data, ...toLocalTicket(withSla) };
      });
      if (written.deleted) return err(GONE);
      await markPending('tickets', id);
      const ticket = written.toMutableJSON();
      return ok({ ticket, edit: seen.before ? { before: seen.before, after: ticket } : null });
    } catch (error) {
      // Unchanged: this edit changed nothing; NothingChanged: edits queued together cancelled out (no-op-writes.ts).
      if (error instanceof Unchanged || error instanceof NothingChanged)
        return ok({ ticket: doc.getLatest().toMutableJSON(), edit: null });
      return err(messageOf(error));
    }
  }

  const ticketOf = (result: Result<{ ticket: LocalTicket }>): Result<LocalTicket> =>
    result.ok ? ok(result.value.ticket) : result;

  /** An edit through the write rules, with what it changed (for undo). */
  async function editTicket(id: string, patch: TicketPatch) {
    // A move to another queue hands the ticket to that queue: its assignee stays only if they work there too.
    const handOver = patch.queueId !== undefined && patch.assigneeId === undefined ? (await directory()).user : null;
    return modifyTicket(
      id,
      (current) => {
        const next = applyPatch(current, patch);
        if (!handOver || next.queueId === current.queueId) return next;
        return { ...next, assigneeId: assigneeAfterMove(next.assigneeId, next.queueId, handOver) };
      },
      { checkTransition: true },
    );
  }
  const updateTicket = async (id: string, patch: TicketPatch) => ticketOf(await editTicket(id, patch));

  async function putComment(comment: Comment): Promise<Result<Comment>> {
    const parsed = CommentSchema.safeParse(comment);
    if (!parsed.success) return err(describeIssues(parsed.error));
    // Only on tickets this workstation holds: the server refuses comments on tickets outside the user's scope.
    const ticket = await db.tickets.findOne(parsed.data.ticketId).exec();
    if (!ticket) return err(GONE_FOR_COMMENT);
    // The rest of the server's rule (shared/sync/comment-rules.ts), in its words.
    const refusal = commentAuthorRefusal(user, ticket, parsed.data);
    if (refusal) return err(`${refusal.message}.`);
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
    editTicket,
    async putTicket(ticket, options) {
      const existing = await db.tickets.findOne(ticket.id).exec();
      if (!existing) return insertTicket(ticket);
      const result = await modifyTicket(ticket.id, (current) => ({ ...current, ...clientFields(ticket) }), {
        checkTransition: options?.checkTransitionFrom !== undefined,
      });
      return ticketOf(result);
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
          assigneeId: input.assigneeId ?? newTicketAssignee,
          catalogItemId: item.id,
          category: item.category,
          tags: [],
          formData,
        }),
      );
    },

    updateTicket,

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

    ...editShortcuts(updateTicket, (edits) => Promise.all(edits.map(({ id, patch }) => updateTicket(id, patch)))),
  };
}

type EditShortcut = 'assign' | 'setStatus' | 'setPriority' | 'moveQueue';
type BulkEdit = 'bulkUpdate' | 'bulkPatch' | 'bulkAssign' | 'bulkSetStatus' | 'bulkMoveQueue';

/** The one-field edits and the bulk forms, in terms of one ticket's edit and a bulk edit with a patch per ticket. */
export function editShortcuts(
  update: StoreActions['updateTicket'],
  bulkPatch: StoreActions['bulkPatch'],
): Pick<StoreActions, EditShortcut | BulkEdit> {
  const bulk = (ids: readonly string[], patch: TicketPatch) => bulkPatch(ids.map((id) => ({ id, patch })));
  return {
    assign: (id, assigneeId) => update(id, { assigneeId }),
    setStatus: (id, status) => update(id, { status }),
    setPriority: (id, priority) => update(id, { priority }),
    moveQueue: (id, queueId) => update(id, { queueId }),
    bulkUpdate: bulk,
    bulkPatch,
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

/** The fields of a ticket a client may set (shared/domain/ticket.ts): server-owned fields and identity excluded. */
export function clientFields(ticket: Ticket): TicketPatch & Pick<Ticket, 'requesterId' | 'catalogItemId'> {
  const out: Record<string, unknown> = {};
  for (const field of CLIENT_OWNED_TICKET_FIELDS) out[field] = ticket[field];
  return out as TicketPatch & Pick<Ticket, 'requesterId' | 'catalogItemId'>;
}
