import type { RxConflictHandler, RxConflictHandlerInput, WithDeleted } from 'rxdb';
import { checkTransition, type Status } from '../../../shared/domain/lifecycle';
import type { Ticket } from '../../../shared/domain/ticket';
import type { Role } from '../../../shared/domain/user';
import { withLocalFields, withoutLocalFields } from '../../../shared/rxdb/schemas';
import { type KeptAside, mergeFields, mergeTicket } from '../../../shared/sync/merge';
import type { SyncCollection } from '../../../shared/sync/protocol';
import type { StoreDatabase, StoredDocs } from './database';
import { docContent, sameDocState } from './doc-state';
import { type ConflictRecord, toJson } from './local-schemas';

/**
 * RxDB's conflict handlers, one per synced collection. RxDB calls `resolve` when a push comes back with the
 * server's current state (a stale push, or — through our push handler — a push the server refused):
 * - refused rows (`markRefused` was called by the push handler, which already stored the refused local state in
 *   `rejections`): the server's state wins;
 * - tickets: the three-way merge of shared/sync/merge.ts; every local value it does not keep goes to `conflicts`;
 * - presets (saved views): the same merge without field-specific rules (`mergeFields`), names as text;
 * - comments and the rest: append-only or server-managed, so the server's state wins; should a local comment ever
 *   differ from the server's copy, its content is kept in `conflicts` too.
 * Record ids hash their content, so a resolution repeated after a crash does not duplicate records.
 */
/** Preset fields merged as text: both sides renamed → the server's name stays, the local one is kept aside. */
const PRESET_TEXT_FIELDS: ReadonlySet<string> = new Set(['name']);

export class ConflictResolver {
  private db: StoreDatabase | null = null;
  private readonly refused = new Set<string>();

  constructor(
    private readonly role: Role,
    private readonly now: () => Date = () => new Date(),
  ) {}

  attach(db: StoreDatabase): void {
    this.db = db;
  }

  /** The push handler saw the server refuse this row: the next resolution for it must take the server's state. */
  markRefused(collection: SyncCollection, id: string): void {
    this.refused.add(`${collection}:${id}`);
  }

  handlerFor<C extends SyncCollection>(collection: C): RxConflictHandler<StoredDocs[C]> {
    return {
      isEqual: (a, b) => sameDocState(a, b),
      resolve: (input) => this.resolve(collection, input),
    };
  }

  private async resolve<C extends SyncCollection>(
    collection: C,
    input: RxConflictHandlerInput<StoredDocs[C]>,
  ): Promise<WithDeleted<StoredDocs[C]>> {
    const { newDocumentState: local, realMasterState: master, assumedMasterState: base } = input;
    const id = (local as { id: string }).id;
    if (this.refused.delete(`${collection}:${id}`)) return master;
    if (collection === 'presets') {
      const { merged, keptAside } = mergeFields(
        base ? docContent(base) : null,
        docContent(local),
        docContent(master),
        PRESET_TEXT_FIELDS,
      );
      await this.record(collection, id, keptAside);
      return merged;
    }
    if (collection === 'tickets') {
      const strip = (doc: object) => docContent(withoutLocalFields('tickets', doc)) as Ticket & { _deleted: boolean };
      const { merged, keptAside } = mergeTicket(base ? strip(base) : null, strip(local), strip(master), {
        canMove: (from: Status, to: Status) => checkTransition(from, to, this.role).ok,
      });
      await this.record(collection, id, keptAside);
      return withLocalFields('tickets', merged) as unknown as WithDeleted<StoredDocs[C]>;
    }
    if (!sameDocState(local, master) && !master._deleted) {
      await this.record(collection, id, [
        { field: '*', rule: 'master-wins', base: base ?? null, local: docContent(local), master: docContent(master) },
      ]);
    }
    return master;
  }

  private async record(collection: SyncCollection, docId: string, keptAside: KeptAside[]): Promise<void> {
    const db = this.db;
    if (!db || keptAside.length === 0) return;
    const createdAt = this.now().toISOString();
    const records: ConflictRecord[] = await Promise.all(
      keptAside.map(async (k) => {
        const record = {
          collectionName: collection,
          docId,
          field: k.field,
          rule: k.rule,
          baseJson: toJson(k.base),
          localJson: toJson(k.local),
          masterJson: toJson(k.master),
        };
        const id = (await db.hashFunction(JSON.stringify(record))).slice(0, 32);
        return { id, ...record, createdAt };
      }),
    );
    const existing = await db.conflicts.findByIds(records.map((r) => r.id)).exec();
    const fresh = records.filter((r) => !existing.has(r.id));
    if (fresh.length > 0) await db.conflicts.bulkInsert(fresh);
  }
}
