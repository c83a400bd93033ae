/**
 * What pushing one row can end in, and the transaction wrapper that guarantees a refused row writes nothing: checks
 * throw RowRefused/RowConflict inside the row's transaction, which rolls it back.
 */
import type { User } from '../../shared/domain/user';
import type { Rejection, RejectionCode, SyncCollection, SyncDoc, Tombstone } from '../../shared/sync/protocol';
import { type Database, pgErrorCode, type Queryable, UNIQUE_VIOLATION } from '../db/database';
import type { ReferenceData, UserSummary } from './reference';

export interface PushLog {
  warn(details: object, message: string): void;
}

export interface PushContext {
  db: Database;
  actor: User;
  deviceId: string;
  now: () => Date;
  reference: ReferenceData;
  /** Users looked up during this push (see reference.ts `cachedUsers`). */
  users: Map<string, UserSummary | null>;
  log: PushLog;
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

const RETRYABLE = new Set([UNIQUE_VIOLATION, '40001', '40P01']);
const ATTEMPTS = 3;

/**
 * Runs one row in its own transaction. A concurrent push of the same new id (unique violation) or a deadlock is
 * retried: the retry sees the other writer's row and decides again (usually "unchanged" or "conflict").
 */
export async function runRow(db: Database, id: string, write: (tx: Queryable) => Promise<void>): Promise<RowOutcome> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await db.transaction(write);
      return { kind: 'written' };
    } catch (error) {
      if (error instanceof RowUnchanged) return { kind: 'unchanged' };
      if (error instanceof RowConflict) return { kind: 'conflict', master: error.master };
      if (error instanceof RowRefused) {
        return { kind: 'rejected', rejection: { id, code: error.code, message: error.message, master: error.master } };
      }
      const code = pgErrorCode(error);
      if (attempt < ATTEMPTS && code !== undefined && RETRYABLE.has(code)) continue;
      throw error;
    }
  }
}

const REPLICATION_FIELDS = ['_deleted', '_meta', '_rev', '_attachments'];

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

export type { SyncCollection };
