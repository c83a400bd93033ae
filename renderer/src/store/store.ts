/**
 * The workstation's offline-first store: a local RxDB replica that replicates with the sync server.
 *
 *   const store = await createWorkstationStore({ serverUrl, session: { token, user }, deviceId });
 *   store.db.tickets.find({ selector: { queueId }, sort: [{ slaDueAt: 'asc' }], limit: 50 }).$   // read via queries
 *   await store.actions.setStatus(ticketId, 'resolved')     // write only via actions → Result (never throws)
 *   await store.preview.breachesAtOnce([ticketId], { priority: 'P1' }) // what a change would breach, before it
 *   store.sync.state$        // { status, lastSyncedAt, pendingCount, conflicts, rejections } for the indicator
 *   store.sync.setOnline(false) / setOnline(true)            // the user's offline switch
 *   store.sync.setToken(token)                               // after the user signed in again (status 'unauthorized')
 *   store.conflicts.list$ / reapply(...ids) / dismiss(...ids) // local values a merge did not keep (one change: several)
 *   store.rejections.list$ / retry(id, edited?) / discard(id) // changes the server refused, with its reason
 *   store.savedViews.list$ / create / update / remove         // the user's saved views, synced (saved-views.ts)
 *   store.undo.last$ / undo()                                // the user's last action, undone by a compensating edit
 *   await store.server.ticketHistory(ticketId)               // what the replica does not hold → Result (server-reads.ts)
 *   await store.close()                                      // keeps the replica (pending changes included)
 *   await store.signOutAndErase()                            // refuses while changes are unsent, unless forced
 *
 * Guarantees: no local edit is lost — it is pushed, merged (values not kept are in `conflicts`), or refused by the
 * server and kept in `rejections` until the user retries or discards it. Offline or with an expired session,
 * requests wait at the network gate (gate.ts) and local writes queue; nothing is re-scanned when they go out.
 * Other people's changes arrive through the live stream as pulls from the checkpoint (live-pull.ts). `lastSyncedAt`
 * is when every replication was last idle while online: the replica then held everything the server had sent.
 * Indexed queries: ascending on the indexes of shared/rxdb/schemas.ts (INDEXES), e.g. queueId + openKey.
 */
import { BehaviorSubject, combineLatest, map, merge, type Observable, Subject, type Subscription } from 'rxjs';
import type { Comment } from '../../../shared/domain/comment';
import type { Preset } from '../../../shared/domain/preset';
import { priorityFrom } from '../../../shared/domain/priority';
import type { Ticket } from '../../../shared/domain/ticket';
import type { User } from '../../../shared/domain/user';
import { err, ok, type Result } from '../../../shared/result';
import { type StreamEvent, SYNC_COLLECTIONS, type SyncCollection } from '../../../shared/sync/protocol';
import { createActions, type StoreActions, type TicketPatch } from './actions';
import type { BackoffOptions } from './backoff';
import { ConflictResolver } from './conflicts';
import { deleteIndexedDbFiles, endBootstrap, type IndexedDbImpl, openDatabase, type StoreDatabase } from './database';
import { NetworkGate } from './gate';
import { createHttpClient } from './http';
import { type ConflictRecord, fromJson, toJson } from './local-schemas';
import { PendingTracker } from './pending';
import { type CollectionSync, type RejectedRow, replicateCollection, type SyncReplication } from './replication';
import { createSavedViews, type SavedViewsApi } from './saved-views';
import { createServerReads, type ServerReads } from './server-reads';
import { type BreachAtOnce, breachesAtOnce } from './sla-impact';
import { connectEventStream, type EventStream } from './sse';
import { type StorageFailure, storageFailureOf } from './storage-failure';
import {
  ALWAYS_ONLINE,
  type ConnectionStatus,
  ConnectionTracker,
  type NetworkMonitor,
  type OfflineReason,
} from './sync-state';
import { TitleIndex, TitleIndexKeeper } from './title-index';
import { recordingActions, type UndoEntry, UndoLog, type UndoOutcome } from './undo';

export interface WorkstationStoreOptions {
  serverUrl: string;
  session: { token: string; user: User };
  /** Stable per installation; the server records it with every change. */
  deviceId: string;
  fetch?: typeof fetch;
  /** Defaults to the page's IndexedDB; tests pass fake-indexeddb. */
  indexedDB?: IndexedDbImpl;
  now?: () => Date;
  /** Start syncing right away (default true). */
  autoStart?: boolean;
  /** Per-request timeout (default 30 s). */
  requestTimeoutMs?: number;
  /** Spacing of replication retries after failures (default: 1 s doubling to 60 s, with jitter). */
  retry?: BackoffOptions;
  /** Whether this computer has a network (renderer/src/platform/network.ts); default: always. */
  network?: NetworkMonitor;
}

export interface ConflictView {
  id: string;
  collection: SyncCollection;
  docId: string;
  field: string;
  rule: string;
  base: unknown;
  local: unknown;
  master: unknown;
  createdAt: string;
}

export interface RejectionView {
  id: string;
  collection: SyncCollection;
  docId: string;
  kind: 'create' | 'update';
  code: string;
  message: string;
  /** The refused document as it was written locally. */
  local: Ticket | Comment | Preset;
  master: unknown;
  createdAt: string;
}

export interface SyncState {
  status: ConnectionStatus;
  /** Why, when `status` is offline: no network, the server unreachable, or sync paused. */
  offlineReason: OfflineReason | null;
  lastSyncedAt: string | null;
  pendingCount: number;
  conflicts: ConflictView[];
  rejections: RejectionView[];
  /** The replica could not be written (disk full or failed): sync cannot finish until the workstation restarts. */
  storageFailure: StorageFailure | null;
}

export interface WorkstationStore {
  db: StoreDatabase;
  user: User;
  /** When this store opened: conflicts and refusals recorded since are new to the user (the UI announces them). */
  openedAt: Date;
  sync: {
    state$: Observable<SyncState>;
    /** Server events (e.g. SLA escalations) for the UI; replication already reacts to changes. */
    events$: Observable<StreamEvent>;
    start(): Promise<void>;
    stop(): Promise<void>;
    setOnline(online: boolean): Promise<void>;
    resync(): void;
    setToken(token: string): Promise<void>;
    /** Resolves when every collection is in sync with the server (only while online). */
    awaitInSync(): Promise<void>;
  };
  actions: StoreActions;
  savedViews: SavedViewsApi;
  /** What a change would do, asked before it is made. */
  preview: {
    /** The SLA clocks a priority, impact, urgency or queue change would breach at once (sla-impact.ts). */
    breachesAtOnce(ids: readonly string[], patch: TicketPatch): Promise<BreachAtOnce[]>;
  };
  /** Reads from the server of what the replica does not hold (server-reads.ts): through the gate, never waiting. */
  server: ServerReads;
  /** Words of the replica's ticket titles, for text search (title-index.ts); the UI starts its build. */
  titles: { index: TitleIndex; build(): void };
  conflicts: {
    list$: Observable<ConflictView[]>;
    /**
     * Writes the kept-aside local values back onto their tickets (validated like any edit, one edit per ticket, so
     * a priority goes back with its levels), then removes the records.
     */
    reapply(...ids: string[]): Promise<Result<void>>;
    /** Keeps the other side's values: forgets the records. */
    dismiss(...ids: string[]): Promise<void>;
  };
  rejections: {
    list$: Observable<RejectionView[]>;
    /**
     * Writes the refused state (or the user's edited version of it) again; it is pushed like any edit. A refused
     * saved view is made again as a new one (the server refused its id: someone deleted it, or it was never valid).
     */
    retry(id: string, edited?: Ticket | Comment | Preset): Promise<Result<void>>;
    discard(id: string): Promise<void>;
  };
  undo: {
    /** The action Ctrl/⌘+Z would undo now (null: none); `kind: 'final'` ones cannot be undone and say why. */
    last$: Observable<UndoEntry | null>;
    undo(): Promise<Result<UndoOutcome>>;
  };
  close(): Promise<void>;
  signOutAndErase(options?: { discardUnsent?: boolean }): Promise<Result<void>>;
}

export async function createWorkstationStore(options: WorkstationStoreOptions): Promise<WorkstationStore> {
  const { user } = options.session;
  const now = options.now ?? (() => new Date());
  let token = options.session.token;
  const openedAt = now();
  const network = options.network ?? ALWAYS_ONLINE;
  const tracker = new ConnectionTracker(now, network.online());
  const resolver = new ConflictResolver(user.role, now);
  const conflictHandlers = Object.fromEntries(SYNC_COLLECTIONS.map((c) => [c, resolver.handlerFor(c)]));
  const db = await openDatabase({
    serverUrl: options.serverUrl,
    userId: user.id,
    deviceId: options.deviceId,
    indexedDB: options.indexedDB,
    conflictHandlers,
  });
  resolver.attach(db);

  // Closed until sync starts; closed again while offline or signed out (see gate.ts).
  const gate = new NetworkGate();
  const http = createHttpClient({
    serverUrl: options.serverUrl,
    deviceId: options.deviceId,
    getToken: () => token,
    fetch: options.fetch,
    timeoutMs: options.requestTimeoutMs,
    onReachable: (reachable) => tracker.setReachable(reachable),
    onUnauthorized: () => pauseForSignIn(),
    gate,
  });

  const events = new Subject<StreamEvent>();

  const writer = createActions({ db, user, now });
  const savedViews = createSavedViews({ db, user, now, markPending: writer.markPending });
  const undoLog = new UndoLog(db, writer, now);

  async function onRejected({ collection, row, rejection }: RejectedRow): Promise<void> {
    const record = {
      collectionName: collection,
      docId: row.newDocumentState.id,
      kind: row.assumedMasterState && !row.assumedMasterState._deleted ? ('update' as const) : ('create' as const),
      code: rejection.code,
      message: rejection.message.slice(0, 2000),
      localJson: toJson(stripDeleted(row.newDocumentState)),
      baseJson: row.assumedMasterState ? toJson(stripDeleted(row.assumedMasterState)) : '',
      masterJson: rejection.master ? toJson(rejection.master) : '',
    };
    const id = (
      await db.hashFunction(JSON.stringify([record.collectionName, record.docId, record.localJson, record.code]))
    ).slice(0, 32);
    if (!(await db.rejections.findOne(id).exec()))
      await db.rejections.insert({ id, ...record, createdAt: now().toISOString() });
  }

  const syncs = new Map<SyncCollection, CollectionSync>();
  for (const collection of SYNC_COLLECTIONS) {
    syncs.set(
      collection,
      replicateCollection(collection, {
        db,
        http,
        resolver,
        identifierPrefix: `${options.serverUrl.replace(/\/+$/, '')}|${user.id}`,
        onRejected,
        retry: options.retry,
      }) as CollectionSync,
    );
  }
  const replications = new Map<SyncCollection, SyncReplication>([...syncs].map(([c, s]) => [c, s.replication]));
  const pending = new PendingTracker(db, replications);
  pending.start();
  const titles = new TitleIndexKeeper(db.tickets, new TitleIndex());
  const pokeAll = () => {
    for (const { live } of syncs.values()) live.poke();
  };
  // A replica that cannot be written (the disk is full) would otherwise just never finish syncing: say so.
  const storageWatch = merge(...[...replications.values()].map((r) => r.error$)).subscribe((error) => {
    const failure = storageFailureOf(error);
    if (failure) tracker.setStorageFailure(failure);
  });
  events.subscribe((event) => {
    if (event.type === 'change') syncs.get(event.collection)?.live.poke();
    if (event.type === 'resync') pokeAll();
  });
  // The network is back: catch up at once instead of at the next retry (which may be a minute away).
  const networkWatch = network.subscribe((online) => {
    tracker.setNetwork(online);
    if (online) pokeAll();
  });

  // The user's own role and queues decide which tickets and comments the server sends. When they change (an admin
  // edited the user; the change arrives through the users pull), documents older than the checkpoint may have come
  // into scope, and some held ones gone out of it: pull both collections again (live-pull.ts `repull`).
  let scope = scopeKey(user);
  const scopeWatch = db.users.findOne(user.id).$.subscribe((doc) => {
    if (!doc) return;
    const next = scopeKey(doc);
    if (next === scope) return;
    scope = next;
    for (const collection of SCOPED_COLLECTIONS) syncs.get(collection)?.live.repull();
  });

  let stream: EventStream | null = null;
  let closed = false;
  let started = false;
  let idleWatch: Subscription | null = null;
  const running = new BehaviorSubject(false);

  function connectStream(): void {
    stream?.close();
    stream = connectEventStream({
      http,
      path: '/api/sync/stream',
      onEvent: (event) => events.next(event),
      onOpen: () => {
        tracker.setReachable(true);
        // Changes may have happened while the stream was down.
        pokeAll();
      },
      onDown: () => tracker.setReachable(false),
      onUnauthorized: () => pauseForSignIn(),
    });
  }

  function goQuiet(reason: string): void {
    stream?.close();
    stream = null;
    gate.close(reason);
  }

  /** Replications run from the first start on; afterwards only the gate opens and closes (see gate.ts). */
  async function startReplications(): Promise<void> {
    if (started) return;
    started = true;
    const all = [...replications.values()];
    // Comments (for staff, the largest collection by far) download after the tickets, so the queue is complete
    // sooner instead of both competing for IndexedDB; local comments wait in the replica meanwhile.
    const first = [...replications].filter(([c]) => c !== 'comments').map(([, r]) => r);
    await Promise.all(first.map((r) => r.start()));
    await Promise.all(first.map((r) => r.awaitInitialReplication()));
    await replications.get('comments')?.start();
    await Promise.all(all.map((r) => r.awaitInitialReplication()));
    endBootstrap(db);
    // "Synced" means the replica holds what the server sent: every replication idle, not just a response received.
    idleWatch = combineLatest(all.map((r) => r.active$)).subscribe((active) => {
      if (gate.opened && active.every((a) => !a)) tracker.markSynced();
    });
  }

  async function resume(): Promise<void> {
    if (closed || !running.value || tracker.isUnauthorized || !tracker.isEnabled) return;
    gate.open();
    connectStream();
    // Not awaited: the initial download runs in the background (awaitInSync waits for it).
    void startReplications().catch(() => undefined); // RxDB reports start failures on error$
  }

  function pauseForSignIn(): void {
    if (tracker.isUnauthorized) return;
    tracker.setUnauthorized(true);
    goQuiet('session expired');
  }

  const conflictList$ = db.conflicts.find({ sort: [{ createdAt: 'asc' }] }).$.pipe(
    map((docs) =>
      docs.map(
        (d): ConflictView => ({
          id: d.id,
          collection: d.collectionName,
          docId: d.docId,
          field: d.field,
          rule: d.rule,
          base: fromJson(d.baseJson),
          local: fromJson(d.localJson),
          master: fromJson(d.masterJson),
          createdAt: d.createdAt,
        }),
      ),
    ),
  );
  const rejectionList$ = db.rejections.find({ sort: [{ createdAt: 'asc' }] }).$.pipe(
    map((docs) =>
      docs.map(
        (d): RejectionView => ({
          id: d.id,
          collection: d.collectionName,
          docId: d.docId,
          kind: d.kind,
          code: d.code,
          message: d.message,
          local: fromJson(d.localJson) as Ticket | Comment,
          master: fromJson(d.masterJson),
          createdAt: d.createdAt,
        }),
      ),
    ),
  );
  const state$: Observable<SyncState> = combineLatest([
    tracker.connection$,
    tracker.lastSyncedAt$,
    pending.count$,
    conflictList$,
    rejectionList$,
    tracker.storageFailure$,
  ]).pipe(
    map(([{ status, offlineReason }, lastSyncedAt, pendingCount, conflicts, rejections, storageFailure]) => ({
      status,
      offlineReason,
      lastSyncedAt,
      pendingCount,
      conflicts,
      rejections,
      storageFailure,
    })),
  );

  /** Ends everything that syncs (close and sign-out); the database itself is left to the caller. */
  async function stopSyncing(): Promise<void> {
    closed = true;
    stream?.close();
    gate.shutDown();
    idleWatch?.unsubscribe();
    scopeWatch.unsubscribe();
    storageWatch.unsubscribe();
    networkWatch();
    titles.stop();
    pending.stop();
    await Promise.all([...replications.values()].map((r) => r.cancel()));
  }

  const sync: WorkstationStore['sync'] = {
    state$,
    events$: events.asObservable(),
    async start() {
      running.next(true);
      tracker.setEnabled(true);
      await resume();
    },
    async stop() {
      running.next(false);
      tracker.setEnabled(false);
      goQuiet('offline');
    },
    async setOnline(online) {
      if (online) await sync.start();
      else await sync.stop();
    },
    resync() {
      pokeAll();
    },
    async setToken(newToken) {
      token = newToken;
      tracker.setUnauthorized(false);
      await resume();
    },
    async awaitInSync() {
      const lives = [...syncs.values()].map((s) => s.live);
      const emitted = () => lives.reduce((n, live) => n + live.emitted, 0);
      // Pushes and live pulls feed each other (an accepted push is pulled back): repeat until a pass brings nothing.
      for (let before = -1; before !== emitted(); ) {
        before = emitted();
        await Promise.all([...replications.values()].map((r) => r.awaitInSync()));
        await Promise.all(lives.map((live) => live.settled()));
        await Promise.all([...replications.values()].map((r) => r.awaitInSync()));
      }
      await pending.reconcile();
    },
  };

  const store: WorkstationStore = {
    db,
    user,
    openedAt,
    sync,
    actions: recordingActions(writer, undoLog),
    savedViews,
    preview: { breachesAtOnce: (ids, patch) => breachesAtOnce(db, ids, patch, now()) },
    server: createServerReads({ http, gate }),
    titles,
    conflicts: {
      list$: conflictList$,
      async reapply(...ids) {
        const found = await db.conflicts.findByIds(ids).exec();
        const byDoc = new Map<string, ConflictRecord[]>();
        for (const id of ids) {
          const record = found.get(id)?.toMutableJSON();
          if (!record) return err('This conflict record no longer exists');
          if (record.collectionName !== 'tickets' && record.collectionName !== 'presets') {
            return err('Only ticket fields and saved views can be re-applied');
          }
          const key = `${record.collectionName}:${record.docId}`;
          byDoc.set(key, [...(byDoc.get(key) ?? []), record]);
        }
        for (const kept of byDoc.values()) {
          const [{ collectionName, docId }] = kept as [ConflictRecord, ...ConflictRecord[]];
          if (collectionName === 'presets') {
            const fields = Object.fromEntries(kept.map((r) => [r.field, fromJson(r.localJson)]));
            const reapplied = await savedViews.update(docId, fields);
            if (!reapplied.ok) return err(reapplied.error);
          } else {
            const ticket = await db.tickets.findOne(docId).exec();
            if (!ticket) return err('The ticket is no longer in this workstation’s replica');
            const result = await writer.updateTicket(docId, reappliedPatch(ticket.toMutableJSON(), kept));
            if (!result.ok) return err(result.error);
          }
          await db.conflicts.bulkRemove(kept.map((r) => r.id));
        }
        return ok(undefined);
      },
      async dismiss(...ids) {
        await db.conflicts.bulkRemove(ids);
      },
    },
    rejections: {
      list$: rejectionList$,
      async retry(id, edited) {
        const record = await db.rejections.findOne(id).exec();
        if (!record) return err('This refused change no longer exists');
        const local = (edited ?? fromJson(record.localJson)) as Ticket | Comment | Preset;
        const result =
          record.collectionName === 'presets'
            ? await savedViews.create({ name: (local as Preset).name, definition: (local as Preset).definition })
            : record.collectionName === 'comments'
              ? await writer.putComment(local as Comment)
              : await writer.putTicket(local as Ticket);
        if (!result.ok) return err(result.error);
        await record.remove();
        return ok(undefined);
      },
      async discard(id) {
        await db.rejections
          .findOne(id)
          .exec()
          .then((d) => d?.remove());
      },
    },
    undo: {
      last$: undoLog.last$,
      undo: () => undoLog.undo(),
    },
    async close() {
      if (closed) return;
      await stopSyncing();
      await db.close();
    },
    async signOutAndErase(eraseOptions) {
      await pending.reconcile();
      const unsent = await db.outbox.count().exec();
      const refused = await db.rejections.count().exec();
      if ((unsent > 0 || refused > 0) && !eraseOptions?.discardUnsent) {
        return err(
          `${unsent} change(s) not yet sent and ${refused} refused change(s) would be lost; sync or discard them first`,
        );
      }
      // Offline, the session simply stays on the server until it expires.
      if (gate.opened) await http.post('/api/auth/logout', {}).catch(() => undefined);
      await stopSyncing();
      await db.remove();
      await deleteIndexedDbFiles(db.name, options.indexedDB);
      return ok(undefined);
    },
  };

  if (options.autoStart ?? true) await sync.start();
  return store;
}

/** The collections whose visibility depends on the user's role and queues (server/scope.ts). */
const SCOPED_COLLECTIONS: readonly SyncCollection[] = ['tickets', 'comments'];

function scopeKey(user: Pick<User, 'role' | 'queueIds'>): string {
  return JSON.stringify([user.role, [...user.queueIds].sort()]);
}

/** One edit putting kept-aside local values back: form fields into the current form, tags added to the current ones. */
function reappliedPatch(current: Ticket, kept: readonly ConflictRecord[]): TicketPatch {
  const patch: Record<string, unknown> = {};
  const formData = { ...current.formData };
  for (const record of kept) {
    const local = fromJson(record.localJson);
    if (record.field.startsWith('formData.')) {
      const key = record.field.slice('formData.'.length);
      if (local === undefined) delete formData[key];
      else formData[key] = local as string | number | boolean;
      patch.formData = formData;
    } else if (record.field === 'tags') {
      patch.tags = [...new Set([...current.tags, ...(local as string[])])];
    } else patch[record.field] = local;
  }
  // A priority kept aside with only some of its levels (the others were not in conflict) may not match the current
  // ones: then the priority the user chose wins and the store picks the levels for it, as the priority picker does.
  const { impact = current.impact, urgency = current.urgency, priority } = patch as TicketPatch;
  if (priority && priorityFrom(impact, urgency) !== priority) {
    delete patch.impact;
    delete patch.urgency;
  }
  return patch as TicketPatch;
}

function stripDeleted<D extends { _deleted?: boolean }>(doc: D): Omit<D, '_deleted'> {
  const { _deleted: _, ...rest } = doc;
  return rest;
}
