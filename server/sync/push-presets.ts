/**
 * Pushing preset rows (saved views; a batch, see push-row.ts). A preset is its owner's alone: nobody else reads it
 * (pull.ts) or writes it (shared/sync/preset-rules.ts). For each row, in order, before anything is written:
 * 1. someone else's preset is refused as forbidden, with a tombstone: nothing of it is shown;
 * 2. RxDB's conflict rule: the master must equal the assumed master, else the master comes back as a conflict (a
 *    deleted master as a tombstone). A create of an existing id with the same content, and a delete of a deleted
 *    preset, change nothing;
 * 3. a delete marks the row deleted (its owner's other workstations receive the tombstone); any other state is
 *    validated (schema, owner, fields fixed at creation) and written.
 * Accepted rows are written with their change numbers (reserved last, seq.ts) and audit
 * events; one change note tells the owner's live streams.
 */
import { type Preset, PresetSchema } from '../../shared/domain/preset';
import { checkPresetWrite } from '../../shared/sync/preset-rules';
import { sameClientState } from '../../shared/sync/protocol';
import { describeIssues } from '../../shared/validation';
import type { Queryable } from '../db/database';
import { type AuditRecord, auditEvent, fieldChanges, writeAudit } from './audit';
import { publishChanges } from './changes';
import {
  asMaster,
  decideRows,
  type PushContext,
  type PushRowInput,
  RowConflict,
  type RowOutcome,
  RowRefused,
  RowUnchanged,
  runBatch,
  tombstone,
  withoutReplicationFields,
} from './push-row';
import { allocateSeqs } from './seq';
import { writePresets } from './store';

/** The server's copy of a preset; a deleted one keeps its last state. */
interface Stored {
  doc: Preset;
  deleted: boolean;
}

interface PresetChange {
  before: Stored | null;
  after: Stored;
}

export function pushPresets(ctx: PushContext, rows: readonly PushRowInput[]): Promise<RowOutcome[]> {
  return runBatch(ctx.db, (tx) => presetBatch(ctx, tx, rows));
}

async function presetBatch(ctx: PushContext, tx: Queryable, rows: readonly PushRowInput[]): Promise<RowOutcome[]> {
  const ids = [...new Set(rows.map((row) => row.newDocumentState.id))].sort();
  const locked = await tx.query<{ doc: Preset; deleted: boolean }>(
    'SELECT doc, deleted FROM presets WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE',
    [ids],
  );
  const current = new Map(
    locked.rows.map((row): [string, Stored] => [row.doc.id, { doc: row.doc, deleted: row.deleted }]),
  );
  const now = ctx.now();
  const { outcomes, changes } = decideRows(rows, current, (row, before) => ({
    after: decidePreset(ctx, row, before, now),
  }));
  if (changes.length > 0) await writeChanges(ctx, tx, changes, now);
  return outcomes;
}

/** The state to store for `row`, or throws the row's outcome. */
function decidePreset(ctx: PushContext, row: PushRowInput, before: Stored | null, now: Date): Stored {
  const id = row.newDocumentState.id;
  const deleting = row.newDocumentState._deleted === true;
  const assumed = row.assumedMasterState === null ? null : withoutReplicationFields(row.assumedMasterState);
  const incoming = withoutReplicationFields(row.newDocumentState);

  // Someone else's preset (or one a requester can no longer keep): refused without showing anything of it.
  const notYours = before && checkPresetWrite(ctx.actor, before.doc, null);
  if (notYours) throw new RowRefused(notYours.code, notYours.message, tombstone(id));
  if (before === null && assumed !== null) throw new RowRefused('not_found', `Saved view ${id} does not exist`);
  if (before?.deleted) {
    if (deleting) throw new RowUnchanged();
    throw new RowConflict(tombstone(id));
  }
  if (before) {
    // A create of an existing id is idempotent when it carries the same content; otherwise RxDB's conflict rule.
    if (!sameClientState('presets', before.doc, assumed ?? incoming)) throw new RowConflict(asMaster(before.doc));
    if (!deleting && sameClientState('presets', before.doc, incoming)) throw new RowUnchanged();
  }
  if (deleting) {
    // Never pushed before it was deleted: there is nothing to delete.
    if (!before) throw new RowUnchanged();
    return { doc: before.doc, deleted: true };
  }

  const master = before ? asMaster(before.doc) : null;
  const parsed = PresetSchema.safeParse(incoming);
  if (!parsed.success) throw new RowRefused('validation', describeIssues(parsed.error), master);
  const preset: Preset = {
    ...parsed.data,
    // Made on a workstation, possibly offline: its time, but never in the future.
    createdAt: before
      ? parsed.data.createdAt
      : Date.parse(parsed.data.createdAt) > now.getTime()
        ? now.toISOString()
        : parsed.data.createdAt,
  };
  const refusal = checkPresetWrite(ctx.actor, before?.doc ?? null, preset);
  if (refusal) throw new RowRefused(refusal.code, refusal.message, master);
  return { doc: preset, deleted: false };
}

async function writeChanges(ctx: PushContext, tx: Queryable, changes: PresetChange[], now: Date): Promise<void> {
  // Reserved last (seq.ts: readers wait for an in-flight write): from here on the batch only writes.
  const first = await allocateSeqs(tx, changes.length);
  const stamped = changes.map((change, index) => ({ ...change, seq: first + index }));
  const latest = new Map(stamped.map((change) => [change.after.doc.id, { ...change.after, seq: change.seq }]));
  await writePresets(tx, [...latest.values()]);
  await writeAudit(
    tx,
    stamped.map(
      (change): AuditRecord =>
        auditEvent({
          seq: change.seq,
          entity: 'preset',
          entityId: change.after.doc.id,
          ticketId: null,
          action: change.after.deleted ? 'delete' : change.before ? 'update' : 'create',
          actorId: ctx.actor.id,
          deviceId: ctx.deviceId,
          at: now.toISOString(),
          changes: change.after.deleted
            ? [{ field: 'deleted', from: false, to: true }]
            : fieldChanges(change.before?.doc ?? null, change.after.doc),
        }),
    ),
  );
  await publishChanges(ctx.db, tx, [{ c: 'presets', s: first + changes.length - 1, u: ctx.actor.id }]);
}
