/**
 * Pushing a batch of rows: what each row can end in, and the transaction that applies a batch.
 *
 * A push request's rows are decided one after another, in order, against the current masters (locked FOR UPDATE at
 * the start) and against the rows of the same batch already accepted; only accepted rows are written, in bulk, at
 * the end of the one transaction, with their audit events and sequence numbers. So a refused row writes nothing, a
 * retried row sees its earlier self, and a batch costs a handful of round trips instead of a dozen per row.
 * Decisions throw RowRefused / RowConflict / RowUnchanged, which `settle` turns into the row's outcome.
 */
import type { User } from '../../shared/domain/user';
import {
  REPLICATION_FIELDS,
  type Rejection,
  type RejectionCode,
  type SyncCollection,
  type SyncDoc,
  type Tombstone,
} from '../../shared/sync/protocol';
import { type Database, pgErrorCode, type Queryable, UNIQUE_VIOLATION } from '../db/database';
import type { ReferenceCache, ReferenceData } from './reference';

export interface PushLog {
  warn(details: object, message: string): void;
}

export interface PushContext {
  db: Database;
  actor: User;
  deviceId: string;
  now: () => Date;
  /**
   * The earliest creation time a ticket this push creates may keep: the start of the device's offline span
   * (offline-span.ts). Absent: server time.
   */
  earliestCreatedAt?: Date;
  /** The server's reference data; a batch reads it in its transaction (`BatchContext.reference`). */
  references: ReferenceCache;
  log: PushLog;
}

/** What a batch decides its rows with. */
export interface BatchContext extends PushContext {
  reference: ReferenceData;
}

/** A push row after the request-level shape check: both states are objects, the new one has an id. */
export interface PushRowInput {
  assumedMasterState: Record<string, unknown> | null;
  newDocumentState: Record<string, unknown> & { id: string };
}

export type RowOutcome =
  | { kind: 'written' }
  | { kind: 'unchanged' }
  | { kind: 'conflict'; master: SyncDoc | Tombstone }
  | { kind: 'rejected'; rejection: Rejection };

export class RowRefused extends Error {
  constructor(
    readonly code: RejectionCode,
    message: string,
    readonly master: SyncDoc | Tombstone | null = null,
  ) {
    super(message);
  }
}

export class RowConflict extends Error {
  constructor(readonly master: SyncDoc | Tombstone) {
    super('conflict');
  }
}

/** Ends the row without writing and without error: the client already holds the master state. */
export class RowUnchanged extends Error {}

/** Runs one row's decision; any outcome but "accepted" is returned instead of the value. */
export function settle<T>(id: string, decide: () => T): { accepted: T } | { outcome: RowOutcome } {
  try {
    return { accepted: decide() };
  } catch (error) {
    if (error instanceof RowUnchanged) return { outcome: { kind: 'unchanged' } };
    if (error instanceof RowConflict) return { outcome: { kind: 'conflict', master: error.master } };
    if (error instanceof RowRefused) {
      return {
        outcome: {
          kind: 'rejected',
          rejection: { id, code: error.code, message: error.message, master: error.master },
        },
      };
    }
    throw error;
  }
}

/**
 * Decides a batch's rows in order, each against the state `current` holds for its id (the locked masters, then
 * whatever earlier rows of the batch made of it): every row's outcome, and the accepted changes in order. `decide`
 * returns the state to write (`after`) and whatever else the change carries for its writer.
 */
export function decideRows<T, C extends { after: T }>(
  rows: readonly PushRowInput[],
  current: Map<string, T>,
  decide: (row: PushRowInput, before: T | null) => C,
): { outcomes: RowOutcome[]; changes: (C & { before: T | null })[] } {
  const outcomes: RowOutcome[] = [];
  const changes: (C & { before: T | null })[] = [];
  for (const row of rows) {
    const id = row.newDocumentState.id;
    const before = current.get(id) ?? null;
    const result = settle(id, () => decide(row, before));
    if ('outcome' in result) {
      outcomes.push(result.outcome);
      continue;
    }
    current.set(id, result.accepted.after);
    changes.push({ ...result.accepted, before });
    outcomes.push({ kind: 'written' });
  }
  return { outcomes, changes };
}

const RETRYABLE = new Set([UNIQUE_VIOLATION, '40001', '40P01']);
const ATTEMPTS = 3;

/**
 * Runs a batch in one transaction. A concurrent push of the same new id (unique violation) or a deadlock rolls the
 * whole batch back and decides it again: the retry sees the other writer's rows (usually "unchanged" or "conflict").
 */
export async function runBatch<T>(db: Database, batch: (tx: Queryable) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction(batch);
    } catch (error) {
      const code = pgErrorCode(error);
      if (attempt < ATTEMPTS && code !== undefined && RETRYABLE.has(code)) continue;
      throw error;
    }
  }
}

/** The document without RxDB's bookkeeping fields. */
export function withoutReplicationFields(doc: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...doc };
  for (const field of REPLICATION_FIELDS) delete copy[field];
  return copy;
}

export function asMaster<T extends object>(doc: T): T & { _deleted: false } {
  return { ...doc, _deleted: false };
}

export const tombstone = (id: string): Tombstone => ({ id, _deleted: true });

/** The string values a batch names in `field` (for prefetching what its rows refer to). */
export function namedValues(rows: readonly PushRowInput[], field: string): string[] {
  const values = rows.map((row) => row.newDocumentState[field]).filter((value) => typeof value === 'string');
  return [...new Set(values as string[])].sort();
}

export type { SyncCollection };
