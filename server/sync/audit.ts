/**
 * The audit log: one event per change, written in the same transaction as the change, naming who, when, from which
 * device, and the old and new values of each changed field.
 */
import { randomBytes } from 'node:crypto';
import { changedFields } from '../../shared/canonical';
import type { AuditEvent, FieldChange } from '../../shared/domain/audit';
import type { Queryable } from '../db/database';
import { jsonbArray, jsonTexts } from './json-params';

export interface AuditRecord extends AuditEvent {
  seq: number;
  /** The ticket whose history this event belongs to (the ticket itself or the commented ticket), or null. */
  ticketId: string | null;
}

/** The changes between two states of a document; `before` null lists every field as new. */
export function fieldChanges<T extends object>(
  before: T | null,
  after: T,
  ignore: readonly string[] = [],
): FieldChange[] {
  if (before === null) {
    const skip = new Set(ignore);
    return Object.entries(after)
      .filter(([field, value]) => !skip.has(field) && value !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([field, to]) => ({ field, from: null, to }));
  }
  return changedFields(before, after, ignore).map((field) => ({ field, from: before[field], to: after[field] }));
}

export function auditEvent(fields: Omit<AuditRecord, 'id'>): AuditRecord {
  return { id: timeOrderedId(), ...fields };
}

/**
 * A UUID version 7: the first 48 bits are the Unix time in ms, the rest random. Audit ids that grow with time are
 * appended to the primary-key index instead of landing at random pages, which keeps bulk inserts fast.
 */
export function timeOrderedId(now = Date.now()): string {
  const hex = now.toString(16).padStart(12, '0') + randomHex10();
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export async function writeAudit(tx: Queryable, events: readonly AuditRecord[]): Promise<void> {
  if (events.length === 0) return;
  await tx.query(
    `INSERT INTO audit_events (${AUDIT_COLUMNS}) SELECT r.id, r.seq, ${AUDIT_VALUES} FROM ${auditRows(1)} AS r(${AUDIT_FIELDS})`,
    auditParams(events),
  );
}

export const AUDIT_COLUMNS = 'id, seq, entity, entity_id, ticket_id, action, actor_id, device_id, at, changes';
/** The columns after id and seq, as `auditRows` names them (alias `r`). */
export const AUDIT_VALUES = 'r.entity, r.entity_id, r.ticket_id, r.action, r.actor_id, r.device_id, r.at, r.changes';
export const AUDIT_FIELDS = AUDIT_COLUMNS;

/**
 * SQL for the audit rows held by the ten parameters from `$first` on (made by `auditParams`): parallel arrays
 * unpacked by unnest, the changes as JSON texts (json-params.ts), so each value is parsed once.
 */
export function auditRows(first: number): string {
  const p = (i: number) => `$${first + i}`;
  return `unnest(${p(0)}::text[], ${p(1)}::bigint[], ${p(2)}::text[], ${p(3)}::text[], ${p(4)}::text[], ${p(5)}::text[],
                 ${p(6)}::text[], ${p(7)}::text[], ${p(8)}::timestamptz[], ${jsonbArray(p(9))})`;
}

export function auditParams(events: readonly AuditRecord[]): unknown[] {
  return [
    events.map((e) => e.id),
    events.map((e) => e.seq),
    events.map((e) => e.entity),
    events.map((e) => e.entityId),
    events.map((e) => e.ticketId),
    events.map((e) => e.action),
    events.map((e) => e.actorId),
    events.map((e) => e.deviceId),
    events.map((e) => e.at),
    jsonTexts(events.map((e) => e.changes)),
  ];
}

/** Random bytes drawn 4 KiB at a time: one getrandom call per ~400 ids instead of one each (bulk seeding writes
 * hundreds of thousands of audit events; per-call randomBytes was a tenth of the seeder's CPU). */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let poolOffset = POOL_BYTES;

function randomHex10(): string {
  if (poolOffset + 10 > pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolOffset = 0;
  }
  poolOffset += 10;
  return pool.toString('hex', poolOffset - 10, poolOffset);
}

/** Audit rows as the API returns them. */
export async function ticketHistory(db: Queryable, ticketId: string): Promise<AuditEvent[]> {
  const result = await db.query<{
    id: string;
    entity: AuditEvent['entity'];
    entity_id: string;
    action: AuditEvent['action'];
    actor_id: string;
    device_id: string;
    at: Date;
    changes: FieldChange[];
  }>(
    `SELECT id, entity, entity_id, action, actor_id, device_id, at, changes
       FROM audit_events WHERE ticket_id = $1 ORDER BY seq, at, id`,
    [ticketId],
  );
  return result.rows.map((row) => ({
    id: row.id,
    entity: row.entity,
    entityId: row.entity_id,
    action: row.action,
    actorId: row.actor_id,
    deviceId: row.device_id,
    at: new Date(row.at).toISOString(),
    changes: row.changes,
  }));
}
