import { BehaviorSubject, combineLatest, distinctUntilChanged, map, type Observable } from 'rxjs';
import type { StorageFailure } from './storage-failure';

/**
 * The connection status the UI shows, derived from what the store last observed:
 * - `unauthorized`: the server refused the session token (the session ended); replication is paused, pending
 *   changes are kept;
 * - `offline`: no sync for one of three reasons (`OfflineReason`);
 * - `connecting`: sync is on and the first answer from the server is still outstanding;
 * - `online`: the server answered the last request (and the live stream is open when one is expected).
 */
export type ConnectionStatus = 'online' | 'offline' | 'connecting' | 'unauthorized';

/**
 * Why the workstation is offline, because each asks something different of the user:
 * - `no-network`: this computer has no network (the operating system says so, `NetworkMonitor`): nothing to do
 *   but reconnect it;
 * - `server-unreachable`: the network is up but the server does not answer, refuses the connection, times out or
 *   answers with a server error (5xx): it is the server's side, retried with backoff;
 * - `paused`: the user switched sync off.
 */
export type OfflineReason = 'no-network' | 'server-unreachable' | 'paused';

export interface Connection {
  status: ConnectionStatus;
  /** Set when `status` is `offline`. */
  offlineReason: OfflineReason | null;
}

/**
 * Whether this computer has a network at all, as the browser engine knows it (both shells use the same one,
 * renderer/src/platform/network.ts). Only a hint: with a network, the server may still be unreachable; without
 * one, a server on this machine may still answer (a successful request wins).
 */
export interface NetworkMonitor {
  online(): boolean;
  /** Calls `listener` whenever the network comes or goes; returns the unsubscribe function. */
  subscribe(listener: (online: boolean) => void): () => void;
}

/** For stores outside a browser (tests, the sync harness): the network is always there. */
export const ALWAYS_ONLINE: NetworkMonitor = { online: () => true, subscribe: () => () => undefined };

export class ConnectionTracker {
  private readonly enabled = new BehaviorSubject(false);
  private readonly unauthorized = new BehaviorSubject(false);
  private readonly network: BehaviorSubject<boolean>;
  /** null = no answer yet since sync was switched on or the network came back. */
  private readonly reachable = new BehaviorSubject<boolean | null>(null);
  private readonly lastSynced: BehaviorSubject<string | null>;
  private readonly storage = new BehaviorSubject<StorageFailure | null>(null);

  readonly connection$: Observable<Connection>;
  readonly lastSyncedAt$: Observable<string | null>;
  /** The replica could not be written (storage-failure.ts); stays until the workstation restarts. */
  readonly storageFailure$: Observable<StorageFailure | null> = this.storage.pipe(distinctUntilChanged());

  /** `lastSyncedAt`: as the replica remembers it from an earlier session (replica-facts.ts), or null. */
  constructor(
    private readonly now: () => Date = () => new Date(),
    networkOnline = true,
    lastSyncedAt: string | null = null,
  ) {
    this.network = new BehaviorSubject(networkOnline);
    this.lastSynced = new BehaviorSubject(lastSyncedAt);
    this.lastSyncedAt$ = this.lastSynced.pipe(distinctUntilChanged());
    this.connection$ = combineLatest([this.enabled, this.unauthorized, this.network, this.reachable]).pipe(
      map(([enabled, unauthorized, network, reachable]) => connectionOf(enabled, unauthorized, network, reachable)),
      distinctUntilChanged((a, b) => a.status === b.status && a.offlineReason === b.offlineReason),
    );
  }

  setEnabled(enabled: boolean): void {
    if (enabled !== this.enabled.value) this.reachable.next(null);
    this.enabled.next(enabled);
  }
  setReachable(reachable: boolean): void {
    if (this.enabled.value) this.reachable.next(reachable);
  }
  /**
   * The network came or went. Either way the last answer says nothing about now: without a network the status is
   * "no network" until a request gets through; with it back, "connecting" until the server answers.
   */
  setNetwork(online: boolean): void {
    if (online === this.network.value) return;
    this.reachable.next(null);
    this.network.next(online);
  }
  setUnauthorized(unauthorized: boolean): void {
    this.unauthorized.next(unauthorized);
  }
  /** A pull or push completed: the replica and the server agreed at this instant. */
  markSynced(): void {
    this.lastSynced.next(this.now().toISOString());
  }
  /** A replication could not write what it received; the first failure is kept (its kind explains the most). */
  setStorageFailure(failure: StorageFailure): void {
    if (this.storage.value === null) this.storage.next(failure);
  }
  get isUnauthorized(): boolean {
    return this.unauthorized.value;
  }
  get isEnabled(): boolean {
    return this.enabled.value;
  }
}

export function connectionOf(
  enabled: boolean,
  unauthorized: boolean,
  network: boolean,
  reachable: boolean | null,
): Connection {
  const offline = (offlineReason: OfflineReason): Connection => ({ status: 'offline', offlineReason });
  if (unauthorized) return { status: 'unauthorized', offlineReason: null };
  if (!enabled) return offline('paused');
  if (reachable === true) return { status: 'online', offlineReason: null };
  if (!network) return offline('no-network');
  if (reachable === false) return offline('server-unreachable');
  return { status: 'connecting', offlineReason: null };
}
