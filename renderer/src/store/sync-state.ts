import { BehaviorSubject, combineLatest, distinctUntilChanged, map, type Observable } from 'rxjs';
import type { StorageFailure } from './storage-failure';

/**
 * The connection status the UI shows, derived from what the store last observed:
 * - `unauthorized`: the server refused the session token; replication is paused, pending changes are kept;
 * - `offline`: the user switched sync off, or the server could not be reached (retrying with backoff);
 * - `connecting`: sync is on and the first answer from the server is still outstanding;
 * - `online`: the server answered the last request (and the live stream is open when one is expected).
 */
export type ConnectionStatus = 'online' | 'offline' | 'connecting' | 'unauthorized';

export class ConnectionTracker {
  private readonly enabled = new BehaviorSubject(false);
  private readonly unauthorized = new BehaviorSubject(false);
  /** null = no answer yet since sync was switched on. */
  private readonly reachable = new BehaviorSubject<boolean | null>(null);
  private readonly lastSynced = new BehaviorSubject<string | null>(null);
  private readonly storage = new BehaviorSubject<StorageFailure | null>(null);

  readonly status$: Observable<ConnectionStatus> = combineLatest([
    this.enabled,
    this.unauthorized,
    this.reachable,
  ]).pipe(
    map(([enabled, unauthorized, reachable]): ConnectionStatus => {
      if (unauthorized) return 'unauthorized';
      if (!enabled || reachable === false) return 'offline';
      return reachable === null ? 'connecting' : 'online';
    }),
    distinctUntilChanged(),
  );
  readonly lastSyncedAt$: Observable<string | null> = this.lastSynced.pipe(distinctUntilChanged());
  /** The replica could not be written (storage-failure.ts); stays until the workstation restarts. */
  readonly storageFailure$: Observable<StorageFailure | null> = this.storage.pipe(distinctUntilChanged());

  constructor(private readonly now: () => Date = () => new Date()) {}

  setEnabled(enabled: boolean): void {
    if (enabled !== this.enabled.value) this.reachable.next(null);
    this.enabled.next(enabled);
  }
  setReachable(reachable: boolean): void {
    if (this.enabled.value) this.reachable.next(reachable);
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
