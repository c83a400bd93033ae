import type { RxReplicationWriteToMasterRow, WithDeleted } from 'rxdb';
import { type RxReplicationState, replicateRxCollection } from 'rxdb/plugins/replication';
import { withLocalFields, withoutLocalFields } from '../../../shared/rxdb/schemas';
import {
  type Checkpoint,
  DELETABLE_COLLECTIONS,
  PULL_MAX_LIMIT,
  PUSH_MAX_ROWS,
  PUSHABLE_COLLECTIONS,
  type PullResponse,
  type PushResponse,
  type PushRow,
  type Rejection,
  type SyncCollection,
  type SyncDoc,
  type Tombstone,
} from '../../../shared/sync/protocol';
import { Backoff, type BackoffOptions } from './backoff';
import type { ConflictResolver } from './conflicts';
import type { StoreDatabase, StoredDocs } from './database';
import { docContent } from './doc-state';
import type { DownloadTracker } from './download-progress';
import type { HttpClient } from './http';
import { idPage } from './id-pages';
import { LivePull, type Page } from './live-pull';

/**
 * One `replicateRxCollection` per synced collection against the server's pull/push endpoints.
 * - Pull: GET …/pull?checkpoint=<seq>&limit=<n> in large batches; RxDB stores the checkpoint under a
 *   `replicationIdentifier` naming server, user and collection, so a restart resumes where it stopped.
 *   Tombstones (tickets that left the user's scope) are completed from the local copy before RxDB stores them.
 * - Push (tickets, comments): POST …/push with RxDB's rows; the server's `conflicts` go back to RxDB, which calls
 *   the conflict handler (merge). A row the server `rejected` is stored in `rejections` first (via `onRejected`),
 *   then answered to RxDB as a conflict with the server's state, so the replica does not keep an edit the server
 *   refused. A refused create answers with a deleted copy of the local document. Deletions travel upstream only
 *   for DELETABLE_COLLECTIONS (presets); elsewhere the client never deletes synced documents, and deleted states
 *   come only from the server or a refused create.
 * - Live: the store's one SSE connection pokes `live` (live-pull.ts), which pulls from the checkpoint and hands
 *   RxDB the documents; RxDB's 'RESYNC' is never used after start (it would re-scan the replica, see live-pull.ts).
 * - Scope change (the user's role or queues changed): `live.repull()` pulls everything again and then hands over
 *   deletions for the local documents the server no longer sends; RxDB keeps unpushed local edits through both.
 * - Failures: RxDB retries after `retryTime`, which we set from an exponential backoff with jitter per collection.
 *   Offline and signed out, requests wait at the store's network gate (gate.ts) instead.
 */

export const PULL_BATCH_SIZE = PULL_MAX_LIMIT;
/**
 * RxDB's upstream reads the replica in pages of this size when it looks for unsent changes at start; all documents of
 * one download share a write time, and each page scans that group from its beginning, so pages must be large. The
 * push handler sends them to the server in requests of PUSH_MAX_ROWS.
 */
export const PUSH_BATCH_SIZE = PULL_MAX_LIMIT;

export type SyncReplication<C extends SyncCollection = SyncCollection> = RxReplicationState<StoredDocs[C], Checkpoint>;

export interface RejectedRow {
  collection: SyncCollection;
  row: PushRow;
  rejection: Pick<Rejection, 'code' | 'message' | 'master'>;
}

export interface ReplicationDeps {
  db: StoreDatabase;
  http: HttpClient;
  resolver: ConflictResolver;
  identifierPrefix: string;
  onRejected: (rejected: RejectedRow) => Promise<void>;
  /** Counts first downloads for the top bar's progress. */
  downloads?: DownloadTracker;
  /** Spacing of retries after failed requests (tests pass a small base and a fixed jitter). */
  retry?: BackoffOptions;
}

export interface CollectionSync<C extends SyncCollection = SyncCollection> {
  replication: SyncReplication<C>;
  /** Poke when the server says this collection changed (or the stream reconnected). */
  live: LivePull<WithDeleted<StoredDocs[C]>>;
}

const RETRY_BASE_MS = 1000;
const UNSEEN_PAGE = 2000;

export function replicateCollection<C extends SyncCollection>(
  collectionName: C,
  deps: ReplicationDeps,
): CollectionSync<C> {
  // The typed collections are a union over C; this one serves documents of C.
  const collection = deps.db.collections[collectionName] as unknown as StoreDatabase['tickets'];
  const retry = { baseMs: RETRY_BASE_MS, maxMs: 60_000, ...deps.retry };
  const backoff = new Backoff(retry);
  const pushable = PUSHABLE_COLLECTIONS.includes(collectionName);
  const deletable = DELETABLE_COLLECTIONS.includes(collectionName);
  let replication: SyncReplication<C> | null = null;

  const failed = (error: unknown): never => {
    if (replication) replication.retryTime = backoff.next();
    throw error;
  };
  const succeeded = () => {
    backoff.reset();
    if (replication) replication.retryTime = retry.baseMs;
  };

  /** A tombstone carries only the id: keep the local content so the deleted copy still satisfies the schema. */
  async function complete(docs: (SyncDoc | Tombstone)[]): Promise<WithDeleted<StoredDocs[C]>[]> {
    const bare = new Set(docs.filter((d) => d._deleted && Object.keys(d).length <= 2).map((d) => d.id));
    const locals = bare.size > 0 ? await collection.findByIds([...bare]).exec() : new Map();
    return docs.map((doc) => {
      const local = bare.has(doc.id) ? locals.get(doc.id) : undefined;
      const full = local ? { ...withoutLocalFields(collectionName, docContent(local.toJSON())), ...doc } : doc;
      return withLocalFields(collectionName, full) as unknown as WithDeleted<StoredDocs[C]>;
    });
  }

  async function push(rows: RxReplicationWriteToMasterRow<StoredDocs[C]>[]): Promise<WithDeleted<StoredDocs[C]>[]> {
    const body = rows.map(
      (row): PushRow => ({
        assumedMasterState: (row.assumedMasterState as unknown as SyncDoc | undefined) ?? null,
        newDocumentState: row.newDocumentState as unknown as SyncDoc,
      }),
    );
    const response: PushResponse = { conflicts: [], rejected: [] };
    try {
      // In order: a retry after a failure re-sends earlier chunks, which the server answers as conflicts we merge.
      for (let i = 0; i < body.length; i += PUSH_MAX_ROWS) {
        const part = await deps.http.post<PushResponse>(
          `/api/sync/${collectionName}/push`,
          body.slice(i, i + PUSH_MAX_ROWS),
        );
        response.conflicts.push(...part.conflicts);
        response.rejected.push(...part.rejected);
      }
    } catch (error) {
      return failed(error);
    }
    succeeded();
    // Accepted rows were written with the server's own fields (number, updatedAt, SLA): pull them back, whether or
    // not the live stream's notice arrives (awaitInSync waits for this pull).
    if (response.conflicts.length + response.rejected.length < body.length) live.poke();
    const rowById = new Map(body.map((row) => [row.newDocumentState.id, row]));
    const answers: (SyncDoc | Tombstone)[] = [];
    const refuse = async (row: PushRow, rejection: RejectedRow['rejection']) => {
      await deps.onRejected({ collection: collectionName, row, rejection });
      deps.resolver.markRefused(collectionName, row.newDocumentState.id);
      const master = rejection.master;
      answers.push(
        master && !isBareTombstone(master) ? master : { ...row.newDocumentState, ...master, _deleted: true },
      );
    };
    for (const conflict of response.conflicts) {
      const row = rowById.get(conflict.id);
      if (row && conflict._deleted) {
        // The server has no copy we may see any more: keep the whole local state where the user can act on it.
        await refuse(row, {
          code: 'not_found',
          message: 'This record was deleted or is no longer visible to you; your change was not saved.',
          master: conflict,
        });
      } else answers.push(conflict);
    }
    for (const rejection of response.rejected) {
      const row = rowById.get(rejection.id);
      if (row) await refuse(row, rejection);
    }
    return complete(answers);
  }

  async function fetchPage(from: Checkpoint | null, limit: number): Promise<Page<WithDeleted<StoredDocs[C]>>> {
    // A first download begins without a checkpoint, and its later pages carry where it began (`from`).
    const first = from === null;
    const query = `${from ? `checkpoint=${from.seq}&` : ''}${from?.from !== undefined ? `from=${from.from}&` : ''}limit=${limit}${first ? '&count=1' : ''}`;
    const response = await deps.http.get<PullResponse>(`/api/sync/${collectionName}/pull?${query}`);
    if (first) deps.downloads?.began(collectionName, response.total);
    if (first || from?.from !== undefined) deps.downloads?.received(collectionName, response.documents.length);
    return { documents: await complete(response.documents), checkpoint: response.checkpoint ?? from };
  }
  /** After a full re-pull: deletions for the local documents the server did not send (no longer in scope). */
  async function unseen(seen: ReadonlySet<string>): Promise<WithDeleted<StoredDocs[C]>[]> {
    const gone: Tombstone[] = [];
    for (let after = ''; ; ) {
      const page = await collection.find(idPage(after, UNSEEN_PAGE)).exec();
      for (const doc of page) if (!seen.has(doc.id)) gone.push({ id: doc.id, _deleted: true });
      const last = page.at(-1);
      if (!last || page.length < UNSEEN_PAGE) break;
      after = last.id;
    }
    return complete(gone);
  }
  const live = new LivePull(fetchPage, PULL_BATCH_SIZE, unseen);

  replication = replicateRxCollection<StoredDocs[C], Checkpoint>({
    replicationIdentifier: `${deps.identifierPrefix}|${collectionName}`,
    collection: collection as never,
    live: true,
    retryTime: retry.baseMs,
    waitForLeadership: false,
    autoStart: false,
    // The workstation keeps syncing in the background; only the user or an expired session pauses it.
    toggleOnDocumentVisible: false,
    pull: {
      batchSize: PULL_BATCH_SIZE,
      stream$: live.batches$,
      handler: async (checkpoint, batchSize) => {
        try {
          const page = await live.handler(checkpoint, batchSize);
          succeeded();
          return { documents: page.documents, checkpoint: page.checkpoint ?? undefined };
        } catch (error) {
          return failed(error);
        }
      },
    },
    push: pushable
      ? {
          batchSize: PUSH_BATCH_SIZE,
          // Local sort keys stay local; deleted states travel only where users delete (presets), elsewhere a
          // deleted assumed master means the server has no copy: the push is a create.
          modifier: (doc) => (doc._deleted && !deletable ? null : withoutLocalFields(collectionName, docContent(doc))),
          handler: push,
        }
      : undefined,
  });
  replication.onCancel.push(() => live.stop());
  return { replication, live };
}

function isBareTombstone(doc: SyncDoc | Tombstone): doc is Tombstone {
  return doc._deleted && Object.keys(doc).length <= 2;
}
