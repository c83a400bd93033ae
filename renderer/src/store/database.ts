import {
  addRxPlugin,
  createRxDatabase,
  type MigrationStrategies,
  type RxCollection,
  type RxConflictHandler,
  type RxDatabase,
  type RxJsonSchema,
  type RxStorage,
} from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { BusinessCalendar } from '../../../shared/domain/calendar';
import type { ServiceCatalogItem } from '../../../shared/domain/catalog';
import type { Comment } from '../../../shared/domain/comment';
import type { Preset } from '../../../shared/domain/preset';
import type { Queue } from '../../../shared/domain/queue';
import type { SlaPolicy } from '../../../shared/domain/sla-policy';
import type { User } from '../../../shared/domain/user';
import { type LocalTicket, RX_SCHEMAS, SCHEMA_VERSIONS, withLocalFields } from '../../../shared/rxdb/schemas';
import { PUSHABLE_COLLECTIONS, SYNC_COLLECTIONS, type SyncCollection } from '../../../shared/sync/protocol';
import { withBatchedQueries } from './batched-query-storage';
import { type KnownIdsStorage, withKnownIds } from './known-ids-storage';
import {
  CONFLICT_SCHEMA,
  type ConflictRecord,
  LOCAL_SCHEMA_VERSIONS,
  OUTBOX_SCHEMA,
  type OutboxEntry,
  REJECTION_SCHEMA,
  type RejectionRecord,
} from './local-schemas';
import { refuseNoOpWrites } from './no-op-writes';

/**
 * The local replica: one RxDB database (Dexie storage = IndexedDB) per server, user and device, holding the 8
 * synced collections plus the local-only `conflicts`, `rejections` and `outbox` (11 of the free edition's 13; the
 * budget is planned in docs/architecture-notes.md). A few facts about the replica itself (when it last synced) are
 * RxDB local documents of the database (`replica-facts.ts`): kept, reopened and erased with it, and no collection.
 * Never loads the dev-mode plugin (it fetches a page from the RxDB website); tests may.
 */

addRxPlugin(RxDBMigrationSchemaPlugin);
addRxPlugin(RxDBLocalDocumentsPlugin);

/** Documents as the replica stores them (tickets carry local sort keys, see shared/rxdb/schemas.ts). */
export interface StoredDocs {
  tickets: LocalTicket;
  comments: Comment;
  queues: Queue;
  users: User;
  sla_policies: SlaPolicy;
  calendars: BusinessCalendar;
  catalog: ServiceCatalogItem;
  presets: Preset;
}

export type SyncedCollections = { [C in SyncCollection]: RxCollection<StoredDocs[C]> };
export interface StoreCollections extends SyncedCollections {
  conflicts: RxCollection<ConflictRecord>;
  rejections: RxCollection<RejectionRecord>;
  outbox: RxCollection<OutboxEntry>;
}
export type StoreDatabase = RxDatabase<StoreCollections>;

/** What IndexedDB to use: the browser's by default; tests pass fake-indexeddb (one factory per simulated device). */
export interface IndexedDbImpl {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}

export interface OpenDatabaseOptions {
  serverUrl: string;
  userId: string;
  deviceId: string;
  indexedDB?: IndexedDbImpl;
  conflictHandlers?: Partial<{ [C in SyncCollection]: RxConflictHandler<StoredDocs[C]> }>;
  /** Tests wrap the storage with a schema validator (dev mode insists on one); the app does not pay for it. */
  wrapStorage?: (storage: RxStorage<unknown, unknown>) => RxStorage<unknown, unknown>;
}

/**
 * Migration strategies for every schema version above 0 of every collection; `schemas` tests that each version has
 * one. A strategy converts an old document; it never returns null (that would drop the document).
 */
export const MIGRATIONS: { [C in SyncCollection]: MigrationStrategies } = {
  tickets: {
    // v1 added the local sort keys updatedSort and numberKey.
    1: (doc: LocalTicket) => withLocalFields('tickets', doc),
    // v2 added openKey (the queue indexes moved from slaDueAt to it).
    2: (doc: LocalTicket) => withLocalFields('tickets', doc),
    // v3 added slaWarnAt and warnKey. Until the server's recomputed copy arrives (migration 009 has it recompute every
    // ticket), an old ticket warns at its due time: it is not listed as breaching soon, and never wrongly.
    3: (doc: LocalTicket) => withLocalFields('tickets', { ...doc, slaWarnAt: doc.slaWarnAt ?? doc.slaDueAt }),
  },
  comments: {},
  queues: {},
  users: {},
  sla_policies: {},
  calendars: {},
  catalog: {},
  presets: {},
};

/** `itsm-` + 32 hex digits of SHA-256(server URL, user id, device id): stable, and no personal data in the name. */
export async function databaseName(serverUrl: string, userId: string, deviceId: string): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify([serverUrl.replace(/\/+$/, ''), userId, deviceId]));
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes));
  return `itsm-${[...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Dexie storage that skips the reads a fresh replica's first download cannot need (known-ids-storage.ts) and reads
 * query results in batches instead of a cursor step per document (batched-query-storage.ts).
 */
export function storageFor(impl?: IndexedDbImpl): KnownIdsStorage {
  const dexie = getRxStorageDexie(impl ? { indexedDB: impl.indexedDB, IDBKeyRange: impl.IDBKeyRange } : {});
  return withKnownIds(withBatchedQueries(dexie));
}

const STORAGES = new WeakMap<StoreDatabase, KnownIdsStorage>();

/** The initial download is over: the storage stops tracking ids (and frees them); it reads as usual from now on. */
export function endBootstrap(db: StoreDatabase): void {
  STORAGES.get(db)?.endBootstrap();
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<StoreDatabase> {
  const storage = storageFor(options.indexedDB);
  const db = await createRxDatabase<StoreCollections>({
    name: await databaseName(options.serverUrl, options.userId, options.deviceId),
    storage: (options.wrapStorage ?? ((s) => s))(storage),
    // One window per workstation (Electron enforces a single instance): no cross-tab leader election needed.
    multiInstance: false,
    eventReduce: true,
    // A second store for the same user and device in one page replaces the first instead of failing.
    closeDuplicates: true,
    localDocuments: true,
  });
  const synced = Object.fromEntries(
    SYNC_COLLECTIONS.map((collection) => [
      collection,
      {
        // The derived JSON schema is RxDB-compatible by construction (checked in schemas.test.ts and database.test.ts).
        schema: RX_SCHEMAS[collection] as unknown as RxJsonSchema<StoredDocs[typeof collection]>,
        migrationStrategies: MIGRATIONS[collection],
        conflictHandler: options.conflictHandlers?.[collection],
      },
    ]),
  );
  await db.addCollections({
    ...synced,
    conflicts: { schema: CONFLICT_SCHEMA as unknown as RxJsonSchema<ConflictRecord> },
    rejections: { schema: REJECTION_SCHEMA as unknown as RxJsonSchema<RejectionRecord> },
    outbox: { schema: OUTBOX_SCHEMA as unknown as RxJsonSchema<OutboxEntry> },
  });
  // Local writes to synced documents that change nothing are not made (no-op-writes.ts).
  for (const collection of PUSHABLE_COLLECTIONS)
    refuseNoOpWrites(db.collections[collection] as unknown as RxCollection);
  STORAGES.set(db, storage);
  return db;
}

/**
 * Removing an RxDB database empties its Dexie tables but leaves the (empty) IndexedDB databases behind, one per
 * collection: sign-out deletes them too, so nothing of the user's replica stays on the device.
 */
export async function deleteIndexedDbFiles(name: string, impl?: IndexedDbImpl): Promise<void> {
  const factory = impl?.indexedDB ?? globalThis.indexedDB;
  if (!factory?.databases) return;
  const prefix = `rxdb-dexie-${name}--`;
  const names = (await factory.databases()).flatMap((d) => (d.name?.startsWith(prefix) ? [d.name] : []));
  await Promise.all(
    names.map(
      (file) =>
        new Promise<void>((resolve) => {
          const request = factory.deleteDatabase(file);
          // Blocked: a connection is still open; the deletion then completes when it closes.
          request.onsuccess = request.onerror = request.onblocked = () => resolve();
        }),
    ),
  );
}

export const ALL_SCHEMA_VERSIONS = { ...SCHEMA_VERSIONS, ...LOCAL_SCHEMA_VERSIONS };
