/**
 * The store's network gate: requests wait here while the workstation is offline (the user's switch) or the session
 * expired, and go out when it opens again. Closing aborts the requests in flight, so "offline" means no traffic.
 *
 * Why a gate and not RxDB's pause(): a paused replication drops local writes from its upstream queue and, when
 * started again, re-scans the replica for unsent changes ('RESYNC'). With a gate the replications keep running and
 * keep their queues; a handler simply waits for the network, and nothing has to be re-scanned.
 *
 * Undocumented RxDB behaviour it relies on (rxdb pinned to 17.6.0; it touches no RxDB code itself): a replication
 * handler may wait as long as it needs (no timeout), local writes made meanwhile are queued and pushed afterwards,
 * and a handler that fails (a request the gate aborted) is called again after `retryTime` with the same rows, which
 * stay unconfirmed meanwhile. Contract test: rxdb-contract.test.ts, "gate.ts".
 */

export class GateShutError extends Error {
  override name = 'GateShutError';
}

export class NetworkGate {
  private isOpen = false;
  private shut = false;
  private controller = new AbortController();
  private waiters: (() => void)[] = [];

  get opened(): boolean {
    return this.isOpen;
  }

  open(): void {
    if (this.isOpen || this.shut) return;
    this.isOpen = true;
    this.controller = new AbortController();
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Stops new requests and aborts those in flight (their callers retry once the gate opens again). */
  close(reason: string): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.controller.abort(new Error(reason));
  }

  /** For good (the store closed): waiting and later requests fail with GateShutError. */
  shutDown(): void {
    this.close('store closed');
    this.shut = true;
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves when a request may go out, with a signal that aborts when the gate closes. */
  async pass(): Promise<AbortSignal> {
    while (!this.isOpen) {
      if (this.shut) throw new GateShutError('The store is closed');
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    return this.controller.signal;
  }
}
