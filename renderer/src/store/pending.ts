import { getAssumedMasterState } from 'rxdb';
import { type Observable, Subscription } from 'rxjs';
import { DELETABLE_COLLECTIONS, type SyncCollection } from '../../../shared/sync/protocol';
import type { StoreDatabase } from './database';
import { sameDocState } from './doc-state';
import type { OutboxEntry } from './local-schemas';
import type { SyncReplication } from './replication';

/**
 * The pending count: documents with local changes the server has not confirmed.
 *
 * Every local write goes through the store's actions, which first upsert an `outbox` entry for the document (it
 * persists, so a restart still knows). An entry is removed only when the document's current replica state equals
 * RxDB's assumed master state for it — the state the server last confirmed, by a successful push or a pull — or
 * when the document is gone from the replica (a refused create, whose content is kept in `rejections`; a deleted
 * preset is pending until the server confirmed its deletion).
 * Conflict resolution writes a merged state that differs from the assumed master, so the entry stays until the
 * merge is pushed. Reconciliation runs whenever the outbox or a replication's activity changes; it reads only the
 * few outbox documents, never the whole replica.
 *
 * RxDB internals it touches (rxdb pinned to 17.6.0): `replication.internalReplicationState` and
 * `getAssumedMasterState`, the replication's record of the state the server last confirmed. The public
 * `awaitDocumentPushed(doc)` (17.x) is not enough: it resolves when any state of the document is sent (also an
 * older one still in flight when a newer edit was made); once waiting, it resolves only on a send, so an edit the
 * server refuses (the replica goes back to the server's state without a push) leaves it pending; and every call
 * keeps a subscription and an `onCancel` entry until the replication ends. Contract test: rxdb-contract.test.ts, "pending.ts".
 */
export class PendingTracker {
  readonly count$: Observable<number>;
  private readonly subs = new Subscription();
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly db: StoreDatabase,
    private readonly replications: Map<SyncCollection, SyncReplication>,
  ) {
    this.count$ = db.outbox.count().$;
  }

  start(): void {
    this.subs.add(this.db.outbox.find().$.subscribe(() => this.reconcile()));
    for (const replication of this.replications.values()) {
      this.subs.add(replication.active$.subscribe((active) => active || this.reconcile()));
      this.subs.add(replication.sent$.subscribe(() => this.reconcile()));
    }
  }

  stop(): void {
    this.subs.unsubscribe();
  }

  /** Runs one reconciliation at a time; a request during a run schedules exactly one more. */
  reconcile(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.reconcileOnce().catch(() => undefined);
      } while (this.again);
      this.running = null;
    })();
    return this.running;
  }

  private async reconcileOnce(): Promise<void> {
    if (this.db.closed) return;
    const entries = await this.db.outbox.find().exec();
    const byCollection = new Map<SyncCollection, OutboxEntry[]>();
    for (const entry of entries) {
      const list = byCollection.get(entry.collectionName) ?? [];
      list.push(entry.toMutableJSON());
      byCollection.set(entry.collectionName, list);
    }
    const done: string[] = [];
    for (const [collectionName, list] of byCollection) {
      const replication = this.replications.get(collectionName);
      const internal = replication?.internalReplicationState;
      if (!replication || !internal) continue;
      const deletable = DELETABLE_COLLECTIONS.includes(collectionName);
      const ids = list.map((e) => e.docId);
      const forkDocs = await this.db.collections[collectionName].storageInstance.findDocumentsById(ids, true);
      const fork = new Map(forkDocs.map((d) => [(d as { id: string }).id, d]));
      const assumed = await getAssumedMasterState(internal, ids);
      for (const entry of list) {
        const current = fork.get(entry.docId);
        const master = assumed[entry.docId];
        // A deleted document is done once gone, unless its deletion is itself the change to send (presets).
        const gone = !current || (current._deleted && !deletable);
        if (gone || (master && sameDocState(master.docData, current))) done.push(entry.id);
      }
    }
    if (done.length > 0 && !this.db.closed) {
      // Remove only entries not touched since we read them: a newer local write keeps its entry.
      const fresh = await this.db.outbox.findByIds(done).exec();
      const unchanged = entries.filter((e) => done.includes(e.id) && fresh.get(e.id)?.at === e.at).map((e) => e.id);
      if (unchanged.length > 0) await this.db.outbox.bulkRemove(unchanged);
    }
  }
}
