import type { Observable } from 'rxjs';
import type { Comment } from '../../../shared/domain/comment';
import type { Preset } from '../../../shared/domain/preset';
import type { Ticket } from '../../../shared/domain/ticket';
import type { User } from '../../../shared/domain/user';
import type { Result } from '../../../shared/result';
import type { StreamEvent, SyncCollection } from '../../../shared/sync/protocol';
import type { StoreActions, TicketPatch } from './actions';
import type { BackoffOptions } from './backoff';
import type { IndexedDbImpl, StoreDatabase } from './database';
import type { DownloadProgress } from './download-progress';
import type { SavedViewsApi } from './saved-views';
import type { ServerReads } from './server-reads';
import type { ServerTickets } from './server-tickets';
import type { BreachAtOnce } from './sla-impact';
import type { StorageFailure } from './storage-failure';
import type { ConnectionStatus, NetworkMonitor, OfflineReason } from './sync-state';
import type { TitleIndex } from './title-index';
import type { UndoEntry, UndoOutcome } from './undo';

/** The store's public shape (store.ts builds it): what the workspace reads and calls. */
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
  /**
   * A first download's progress (the replica filling from nothing), over the collections whose totals the server
   * announced; null when none is known. It stays at its last value once the download is done: the UI shows it only
   * until the replica is first in sync.
   */
  download: DownloadProgress | null;
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
  /**
   * Tickets the replica does not hold (closed ones older than the working set): found by the server's search and
   * read from the server, read-only, the copies kept in memory a while (server-tickets.ts).
   */
  serverTickets: ServerTickets;
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
  /** Stops syncing and closes the replica, keeping it (pending changes included) for the next sign-in. */
  close(): Promise<void>;
  /**
   * Signs the user out: ends the session on the server (even while the workstation is switched offline, so the token
   * cannot be used again; without a network it simply expires), then erases the replica from this device, or, with
   * changes unsent or refused, keeps it closed so nothing the user wrote is lost. Says which.
   */
  signOut(): Promise<SignOutOutcome>;
}

/** What signing out did with the replica. */
export type SignOutOutcome = { erased: true } | { erased: false; unsent: number; refused: number };
