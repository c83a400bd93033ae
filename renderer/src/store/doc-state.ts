import { sameJson } from '../../../shared/canonical';
import { RXDB_BOOKKEEPING_FIELDS } from '../../../shared/sync/protocol';

/** RxDB bookkeeping that is not part of a document's state. */
const BOOKKEEPING = new Set<string>(RXDB_BOOKKEEPING_FIELDS);

function content(doc: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) if (!BOOKKEEPING.has(key)) out[key] = value;
  return out;
}

/**
 * Whether two states of a document are the same, server-owned fields included. RxDB's `isEqual`: the protocol's
 * `sameClientState` ignores server-owned fields, which is right for the server's stale check but would make RxDB
 * skip writing a pulled master that differs only in them (the ticket number, SLA due times) into the replica.
 */
export function sameDocState(a: object | null | undefined, b: object | null | undefined): boolean {
  if (!a || !b) return a === b;
  return sameJson(content(a), content(b));
}

/** A plain JSON copy of a document's content, without RxDB bookkeeping. */
export function docContent<D extends object>(doc: D): D {
  return content(doc) as D;
}
