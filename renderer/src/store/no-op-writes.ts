import type { RxCollection } from 'rxdb';
import { sameDocState } from './doc-state';

/** A write was refused because it would not change the document (see `refuseNoOpWrites`). */
export class NothingChanged extends Error {
  constructor() {
    super('The change leaves the document as it is');
  }
}

/**
 * Refuses writes that would leave a document exactly as it is.
 *
 * RxDB's incremental write queue writes a document again even when every modifier threw (it writes back the state it
 * read), and RxDB's replication drops a pulled server state when the replica's copy changed between reading and
 * writing it, expecting that local write to be pushed and answered. A write that changes nothing is never pushed, so
 * the server's state would be lost until the document changed again (issue 5). A pre-save hook that throws is the
 * queue's one way to skip the write.
 *
 * Undocumented RxDB behaviour it relies on (rxdb pinned to 17.6.0; `preSave` itself is public API): a throwing
 * pre-save hook stops `incrementalModify` and `upsert` from writing and rejects them with its error. The reasons it
 * exists are checked too: the write queue writes back when every modifier threw, and a pulled state whose write
 * into the replica conflicts with a local write is dropped, not retried. Contract test: rxdb-contract.test.ts,
 * "no-op-writes.ts".
 */
export function refuseNoOpWrites(collection: RxCollection): void {
  collection.preSave((next, previous) => {
    if (sameDocState(next as object, previous as object)) throw new NothingChanged();
  }, false);
}
