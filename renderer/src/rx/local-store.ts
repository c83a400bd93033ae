import { BehaviorSubject } from 'rxjs';
import { newId } from '../../../shared/domain/common';
import { priorityFrom } from '../../../shared/domain/priority';
import { type Ticket, UNASSIGNED } from '../../../shared/domain/ticket';
import type { User } from '../../../shared/domain/user';
import { type LocalTicket, withLocalFields } from '../../../shared/rxdb/schemas';
import { type IndexedDbImpl, openDatabase, type StoreDatabase } from '../store/database';
import {
  DEMO_CALENDAR,
  DEMO_CATALOG,
  DEMO_POLICY,
  DEMO_QUEUES,
  DEMO_USERS,
  demoComments,
  demoTicket,
  slaFieldsFor,
} from './demo-data';
import type {
  ConflictRecord,
  RejectionRecord,
  StoreActions,
  SyncState,
  TicketPatch,
  WorkstationStore,
} from './store-api';

/**
 * A local-only store with the same interface as the replicated one: an RxDB database seeded with the demo desk.
 * Used by component tests and the latency bench, and by the UI until the replicated store is available.
 * Every local write counts as pending, because nothing here talks to a server.
 */
export interface LocalStoreOptions {
  user: User;
  deviceId: string;
  indexedDB?: IndexedDbImpl;
  ticketCount?: number;
  now?: number;
}

export async function createLocalStore(options: LocalStoreOptions): Promise<WorkstationStore> {
  const db = await openDatabase({
    serverUrl: 'http://local.invalid',
    userId: options.user.id,
    deviceId: options.deviceId,
    indexedDB: options.indexedDB,
  });
  if ((await db.queues.count().exec()) === 0) await seed(db, options.ticketCount ?? 300, options.now ?? Date.now());

  const pending = new Set<string>();
  const state$ = new BehaviorSubject<SyncState>({ state: 'offline', lastSyncedAt: null, pendingCount: 0 });
  const touched = (id: string, collection: 'tickets' | 'comments' = 'tickets') => {
    pending.add(id);
    void db.outbox.upsert({
      id: `${collection}:${id}`,
      collectionName: collection,
      docId: id,
      at: new Date().toISOString(),
    });
    state$.next({ ...state$.value, pendingCount: pending.size });
  };

  const patchTicket = async (id: string, patch: TicketPatch) => {
    const doc = await db.tickets.findOne(id).exec();
    if (!doc) throw new Error(`ticket ${id} is not in the local replica`);
    const next = { ...doc.toJSON(), ...patch } as LocalTicket;
    if (patch.impact !== undefined || patch.urgency !== undefined)
      next.priority = priorityFrom(next.impact, next.urgency);
    const sla = slaFieldsFor(next, DEMO_POLICY);
    const updatedAt = new Date().toISOString();
    await doc.incrementalPatch(
      withLocalFields('tickets', {
        ...patch,
        priority: next.priority,
        slaDueAt: sla.slaDueAt,
        updatedAt,
        number: next.number,
      }),
    );
    touched(id);
  };

  const actions: StoreActions = {
    async createTicket(input) {
      const now = new Date().toISOString();
      const base: Ticket = {
        id: newId(),
        number: null,
        status: 'new',
        assigneeId: UNASSIGNED,
        catalogItemId: '',
        category: '',
        tags: [],
        formData: {},
        ...input,
        priority: priorityFrom(input.impact, input.urgency),
        createdAt: now,
        updatedAt: now,
        firstResponseAt: null,
        resolvedAt: null,
        sla: {
          policyId: DEMO_POLICY.id,
          pauses: [],
          responseDueAt: null,
          resolutionDueAt: null,
          responseBreached: false,
          resolutionBreached: false,
          escalations: [],
        },
        slaDueAt: 0,
      };
      const sla = slaFieldsFor(base, DEMO_POLICY);
      const ticket: Ticket = {
        ...base,
        sla: { ...base.sla, responseDueAt: sla.responseDueAt, resolutionDueAt: sla.resolutionDueAt },
        slaDueAt: sla.slaDueAt,
      };
      await db.tickets.insert(withLocalFields('tickets', ticket) as LocalTicket);
      touched(ticket.id);
      return ticket;
    },
    updateTicket: patchTicket,
    assign: (id, assigneeId) => patchTicket(id, { assigneeId }),
    setStatus: (id, status) => patchTicket(id, { status }),
    setPriority: (id, priority) => patchTicket(id, { priority }),
    moveQueue: (id, queueId) => patchTicket(id, { queueId }),
    async addComment(ticketId, body, visibility) {
      const id = newId();
      await db.comments.insert({
        id,
        ticketId,
        body,
        visibility,
        authorId: options.user.id,
        createdAt: new Date().toISOString(),
      });
      touched(id, 'comments');
    },
    async bulkAssign(ids, assigneeId) {
      for (const id of ids) await patchTicket(id, { assigneeId });
    },
    async bulkSetPriority(ids, priority) {
      for (const id of ids) await patchTicket(id, { priority });
    },
    async bulkMoveQueue(ids, queueId) {
      for (const id of ids) await patchTicket(id, { queueId });
    },
  };

  const conflicts$ = new BehaviorSubject<ConflictRecord[]>([]);
  const rejections$ = new BehaviorSubject<RejectionRecord[]>([]);
  const drop = <T extends { id: string }>(subject: BehaviorSubject<T[]>, id: string) =>
    subject.next(subject.value.filter((r) => r.id !== id));

  return {
    db,
    sync: {
      state$,
      start() {},
      stop() {},
      setOnline() {},
      resync() {},
    },
    actions,
    conflicts: {
      list$: conflicts$,
      reapply: async (id) => drop(conflicts$, id),
      dismiss: async (id) => drop(conflicts$, id),
    },
    rejections: {
      list$: rejections$,
      retry: async (id) => drop(rejections$, id),
      discard: async (id) => drop(rejections$, id),
    },
    close: async () => {
      await db.close();
    },
    signOutAndErase: async () => {
      await db.remove();
    },
  };
}

async function seed(db: StoreDatabase, count: number, now: number) {
  await db.queues.bulkInsert(DEMO_QUEUES);
  await db.users.bulkInsert(DEMO_USERS);
  await db.calendars.insert(DEMO_CALENDAR);
  await db.sla_policies.insert(DEMO_POLICY);
  await db.catalog.bulkInsert(DEMO_CATALOG);
  await seedTickets(db.tickets, db.comments, count, now);
}

/** Inserts `count` demo tickets in batches (the bench uses this for 100k). */
export async function seedTickets(
  tickets: StoreDatabase['tickets'],
  comments: StoreDatabase['comments'] | null,
  count: number,
  now: number,
  start = 0,
) {
  const BATCH = 2000;
  for (let from = start; from < start + count; from += BATCH) {
    const batch: LocalTicket[] = [];
    for (let i = from; i < Math.min(start + count, from + BATCH); i++)
      batch.push(withLocalFields('tickets', demoTicket(i, now)) as LocalTicket);
    await tickets.bulkInsert(batch);
    if (comments && from < 1000) await comments.bulkInsert(batch.flatMap(demoComments));
  }
}
