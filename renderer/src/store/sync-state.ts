import { BehaviorSubject, combineLatest, distinctUntilChanged, map, type Observable } from 'rxjs';

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
  get isUnauthorized(): boolean {
    return this.unauthorized.value;
  }
  get isEnabled(): boolean {
    return this.enabled.value;
  }
}
