import { Worker } from 'node:worker_threads';
import type { StoreActions } from '../../../renderer/src/store/actions';
import type { ServerReadFailure } from '../../../renderer/src/store/server-reads';
import type { SyncState } from '../../../renderer/src/store/store';
import type { Comment } from '../../../shared/domain/comment';
import type { Ticket } from '../../../shared/domain/ticket';
import type { User } from '../../../shared/domain/user';
import type { Result } from '../../../shared/result';
import type { ClientReply, ClientSnapshot } from './protocol';

type ActionResult<K extends keyof StoreActions> = Awaited<ReturnType<StoreActions[K]>>;

/** A workstation running in its own worker thread (its own RxDB realm and fake IndexedDB). */
export class RemoteClient {
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: ClientReply) => void>();

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: ClientReply) => {
      this.waiting.get(reply.id)?.(reply);
      this.waiting.delete(reply.id);
    });
  }

  /** Spawns the worker; `open` then starts a store in it. */
  static async spawn(): Promise<RemoteClient> {
    const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
      workerData: { entry: new URL('./client-worker.ts', import.meta.url).href },
    });
    const client = new RemoteClient(worker);
    await new Promise<void>((resolve, reject) => {
      client.waiting.set(0, (reply) => (reply.ok ? resolve() : reject(new Error(reply.error))));
      worker.once('error', reject);
    });
    return client;
  }

  private call<T>(method: string, ...args: unknown[]): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, (reply) => (reply.ok ? resolve(reply.value as T) : reject(new Error(reply.error))));
      this.worker.postMessage({ id, method, args });
    });
  }

  /** Opens a fresh replica (new IndexedDB) signed in as `user`; closes the previous one. */
  open(options: { serverUrl: string; token: string; user: User; deviceId: string }): Promise<void> {
    return this.call('open', options);
  }
  field<F extends keyof Ticket>(ticketId: string, field: F): Promise<Ticket[F] | null> {
    return this.call('field', ticketId, field);
  }
  /** Runs an action on one ticket field, returning what the replica showed just before. */
  tracked<K extends keyof StoreActions>(
    ticketId: string,
    field: keyof Ticket,
    name: K,
    ...args: Parameters<StoreActions[K]>
  ): Promise<{ before: unknown; ok: boolean }> {
    return this.call('tracked', ticketId, field, name, ...args);
  }
  act<K extends keyof StoreActions>(name: K, ...args: Parameters<StoreActions[K]>): Promise<ActionResult<K>> {
    return this.call(`action`, name, ...args);
  }
  setOnline(online: boolean): Promise<void> {
    return this.call('setOnline', online);
  }
  /** Asks the server to bring a ticket back into the working set (store.serverTickets.bringBack). */
  bringBack(ticketId: string): Promise<Result<boolean, ServerReadFailure>> {
    return this.call('bringBack', ticketId);
  }
  setToken(token: string): Promise<void> {
    return this.call('setToken', token);
  }
  awaitInSync(): Promise<void> {
    return this.call('awaitInSync');
  }
  waitForStatus(status: SyncState['status']): Promise<void> {
    return this.call('waitForStatus', status);
  }
  snapshot(): Promise<ClientSnapshot> {
    return this.call('snapshot');
  }
  reapply(id: string): Promise<Result<void>> {
    return this.call('reapply', id);
  }
  retry(id: string, edited?: Ticket | Comment): Promise<Result<void>> {
    return this.call('retry', id, edited);
  }
  discard(id: string): Promise<void> {
    return this.call('discard', id);
  }
  closeStore(): Promise<void> {
    return this.call('close');
  }
  async terminate(): Promise<void> {
    await this.call('close').catch(() => undefined);
    await this.worker.terminate();
  }
}
