/**
 * Admin writes of replicated reference documents through the server's write path: a fresh change sequence
 * (allocated last), the row, an audit event in the same transaction, and a change note so workstations pull it.
 * A delete marks the row deleted with a new sequence, so replicas receive a tombstone.
 */
import type { AuditEvent } from '../../shared/domain/audit';
import type { Database, Queryable } from '../db/database';
import { type AuditRecord, auditEvent, fieldChanges, writeAudit } from '../sync/audit';
import { publishChange } from '../sync/changes';
import { allocateSeqs } from '../sync/seq';
import { type ReferenceDocs, writeReferenceDocs } from '../sync/store';
import { type ReferenceCollection, TABLES } from '../sync/tables';

export interface Writer {
  actorId: string;
  deviceId: string;
}

export type AuditEntity = AuditEvent['entity'];

export function audit(
  seq: number,
  entity: AuditEntity,
  entityId: string,
  action: AuditRecord['action'],
  by: Writer,
  at: string,
  changes: AuditRecord['changes'],
): AuditRecord {
  return auditEvent({
    seq,
    entity,
    entityId,
    ticketId: null,
    action,
    actorId: by.actorId,
    deviceId: by.deviceId,
    at,
    changes,
  });
}

export async function saveReference<C extends ReferenceCollection>(
  db: Database,
  tx: Queryable,
  collection: C,
  entity: AuditEntity,
  before: ReferenceDocs[C] | null,
  after: ReferenceDocs[C],
  by: Writer,
): Promise<void> {
  const seq = await allocateSeqs(tx, 1);
  await writeReferenceDocs(tx, collection, [{ doc: after, seq }]);
  const changes = fieldChanges(before, after, ['updatedAt']);
  await writeAudit(tx, [audit(seq, entity, after.id, before ? 'update' : 'create', by, after.updatedAt, changes)]);
  await publishChange(db, tx, { c: collection, s: seq });
}

export async function deleteReference<C extends ReferenceCollection>(
  db: Database,
  tx: Queryable,
  collection: C,
  entity: AuditEntity,
  before: ReferenceDocs[C],
  by: Writer,
  at: string,
): Promise<void> {
  const seq = await allocateSeqs(tx, 1);
  await tx.query(`UPDATE ${TABLES[collection]} SET deleted = true, seq = $2 WHERE id = $1`, [before.id, seq]);
  await writeAudit(tx, [
    audit(seq, entity, before.id, 'delete', by, at, [{ field: 'deleted', from: false, to: true }]),
  ]);
  await publishChange(db, tx, { c: collection, s: seq });
}

/** Audit for server-only settings (routing rules, escalation actions): a sequence number orders it among changes. */
export async function auditOnly(tx: Queryable, record: (seq: number) => AuditRecord): Promise<void> {
  const seq = await allocateSeqs(tx, 1);
  await writeAudit(tx, [record(seq)]);
}

export async function findReference<C extends ReferenceCollection>(
  tx: Queryable,
  collection: C,
  id: string,
  lock = false,
): Promise<ReferenceDocs[C] | null> {
  const result = await tx.query<{ doc: ReferenceDocs[C] }>(
    `SELECT doc FROM ${TABLES[collection]} WHERE id = $1 AND NOT deleted${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return result.rows[0]?.doc ?? null;
}

export async function listReference<C extends ReferenceCollection>(
  db: Queryable,
  collection: C,
): Promise<ReferenceDocs[C][]> {
  const result = await db.query<{ doc: ReferenceDocs[C] }>(
    `SELECT doc FROM ${TABLES[collection]} WHERE NOT deleted ORDER BY id`,
  );
  return result.rows.map((row) => row.doc);
}
