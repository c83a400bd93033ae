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
 *   await store.server.searchTickets(query)                  // every ticket in scope, closed ones too; offline → err
 *   await store.serverTickets.search(query, 5) / read(id)    // tickets the replica does not hold; copies kept a while
 *   await store.close()                                      // keeps the replica (pending changes included)
 *   await store.signOut()                                    // ends the session; erases the replica unless unsent
 *
 * Guarantees: no local edit is lost — it is pushed, merged (values not kept are in `conflicts`), or refused by the
 * server and kept in `rejections` until the user retries or discards it. Offline or with an expired session,
 * requests wait at the network gate (gate.ts) and local writes queue; nothing is re-scanned when they go out.
 * Other people's changes arrive through the live stream as pulls from the checkpoint (live-pull.ts). `lastSyncedAt`
 * is when every replication was last idle while online: the replica then held everything the server had sent; it is
 * kept with the replica (replica-facts.ts), so a workstation reopened offline still shows it.
 * Indexed queries: ascending on the indexes of shared/rxdb/schemas.ts (INDEXES), e.g. queueId + openKey; the store
 * names them (ticket-queries.ts, other-queries.ts).
 *
 * This file wires the parts: the replica (database.ts), sync (sync-control.ts), the records sync leaves for the user
 * (sync-records.ts), actions with undo, saved views, previews and server reads. Its shape is in store-types.ts.
 */
import { SYNC_COLLECTIONS } from '../../../shared/sync/protocol';
import { createActions } from './actions';
import { ConflictResolver } from './conflicts';
import { deleteIndexedDbFiles, openDatabase } from './database';
import { readLastSynced } from './replica-facts';
import { createSavedViews } from './saved-views';
import { createServerReads } from './server-reads';
import { createServerTickets } from './server-tickets';
import { breachesAtOnce } from './sla-impact';
import type { SignOutOutcome, WorkstationStore, WorkstationStoreOptions } from './store-types';
import { createSyncControl } from './sync-control';
import { createSyncRecords } from './sync-records';
import { TitleIndex, TitleIndexKeeper } from './title-index';
import { recordingActions, UndoLog } from './undo';

export type {
  ConflictView,
  RejectionView,
  SignOutOutcome,
  SyncState,
  WorkstationStore,
  WorkstationStoreOptions,
} from './store-types';

export async function createWorkstationStore(options: WorkstationStoreOptions): Promise<WorkstationStore> {
  const { user } = options.session;
  const now = options.now ?? (() => new Date());
  const openedAt = now();
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

  const writer = createActions({ db, user, now });
  const savedViews = createSavedViews({ db, user, now, markPending: writer.markPending });
  const undoLog = new UndoLog(db, writer, now);
  const records = createSyncRecords({ db, writer, savedViews, now });
  const control = createSyncControl({
    db,
    user,
    options,
    now,
    resolver,
    onRejected: records.onRejected,
    records: { conflicts: records.conflicts.list$, rejections: records.rejections.list$ },
    lastSyncedAt: await readLastSynced(db),
  });
  const titles = new TitleIndexKeeper(db.tickets, new TitleIndex());
  const server = createServerReads({ http: control.http, gate: control.gate });
  let closed = false;
  const stop = async () => {
    closed = true;
    titles.stop();
    await control.stop();
  };

  const store: WorkstationStore = {
    db,
    user,
    openedAt,
    sync: control.sync,
    actions: recordingActions(writer, undoLog),
    savedViews,
    preview: { breachesAtOnce: (ids, patch) => breachesAtOnce(db, ids, patch, now()) },
    server,
    serverTickets: createServerTickets({ reads: server, tickets: db.tickets, now }),
    titles,
    conflicts: records.conflicts,
    rejections: records.rejections,
    undo: {
      last$: undoLog.last$,
      undo: () => undoLog.undo(),
    },
    async close() {
      if (closed) return;
      await stop();
      await db.close();
    },
    async signOut(): Promise<SignOutOutcome> {
      await control.pending.reconcile();
      const unsent = await db.outbox.count().exec();
      const refused = await db.rejections.count().exec();
      await control.logout();
      await stop();
      // With changes unsent or refused the replica stays on the device, closed, so nothing the user wrote is lost:
      // they go out at the next sign-in of this account here.
      if (unsent > 0 || refused > 0) {
        await db.close();
        return { erased: false, unsent, refused };
      }
      await db.remove();
      await deleteIndexedDbFiles(db.name, options.indexedDB);
      return { erased: true };
    },
  };

  if (options.autoStart ?? true) await store.sync.start();
  return store;
}
