import { map, type Observable } from 'rxjs';
import type { Comment } from '../../../shared/domain/comment';
import type { Preset } from '../../../shared/domain/preset';
import { priorityFrom } from '../../../shared/domain/priority';
import type { Ticket } from '../../../shared/domain/ticket';
import { err, ok } from '../../../shared/result';
import type { createActions, TicketPatch } from './actions';
import type { StoreDatabase } from './database';
import { type ConflictRecord, fromJson, toJson } from './local-schemas';
import type { RejectedRow } from './replication';
import type { SavedViewsApi } from './saved-views';
import type { ConflictView, RejectionView, WorkstationStore } from './store-types';

/**
 * The records sync leaves for the user: values a merge did not keep (conflicts, written by conflicts.ts) and changes
 * the server refused (rejections, written here). Both are listed for the top bar, the sync panel and the ticket's
 * pane, and resolved from there: re-applied or dismissed, retried or discarded.
 */
export interface SyncRecords {
  /** Keeps a refused change for the user (once per refused state and reason). */
  onRejected(rejected: RejectedRow): Promise<void>;
  conflicts: WorkstationStore['conflicts'];
  rejections: WorkstationStore['rejections'];
}

export function createSyncRecords(deps: {
  db: StoreDatabase;
  writer: ReturnType<typeof createActions>;
  savedViews: SavedViewsApi;
  now: () => Date;
}): SyncRecords {
  const { db, writer, savedViews, now } = deps;

  async function onRejected({ collection, row, rejection }: RejectedRow): Promise<void> {
    const record = {
      collectionName: collection,
      docId: row.newDocumentState.id,
      kind: row.assumedMasterState && !row.assumedMasterState._deleted ? ('update' as const) : ('create' as const),
      code: rejection.code,
      message: rejection.message.slice(0, 2000),
      localJson: toJson(stripDeleted(row.newDocumentState)),
      baseJson: row.assumedMasterState ? toJson(stripDeleted(row.assumedMasterState)) : '',
      masterJson: rejection.master ? toJson(rejection.master) : '',
    };
    const id = (
      await db.hashFunction(JSON.stringify([record.collectionName, record.docId, record.localJson, record.code]))
    ).slice(0, 32);
    if (!(await db.rejections.findOne(id).exec()))
      await db.rejections.insert({ id, ...record, createdAt: now().toISOString() });
  }

  const conflictList$: Observable<ConflictView[]> = db.conflicts.find({ sort: [{ createdAt: 'asc' }] }).$.pipe(
    map((docs) =>
      docs.map((d) => ({
        id: d.id,
        collection: d.collectionName,
        docId: d.docId,
        field: d.field,
        rule: d.rule,
        base: fromJson(d.baseJson),
        local: fromJson(d.localJson),
        master: fromJson(d.masterJson),
        createdAt: d.createdAt,
      })),
    ),
  );
  const rejectionList$: Observable<RejectionView[]> = db.rejections.find({ sort: [{ createdAt: 'asc' }] }).$.pipe(
    map((docs) =>
      docs.map((d) => ({
        id: d.id,
        collection: d.collectionName,
        docId: d.docId,
        kind: d.kind,
        code: d.code,
        message: d.message,
        local: fromJson(d.localJson) as Ticket | Comment,
        master: fromJson(d.masterJson),
        createdAt: d.createdAt,
      })),
    ),
  );

  return {
    onRejected,
    conflicts: {
      list$: conflictList$,
      async reapply(...ids) {
        const found = await db.conflicts.findByIds(ids).exec();
        const byDoc = new Map<string, ConflictRecord[]>();
        for (const id of ids) {
          const record = found.get(id)?.toMutableJSON();
          if (!record) return err('This conflict record no longer exists');
          if (record.collectionName !== 'tickets' && record.collectionName !== 'presets') {
            return err('Only ticket fields and saved views can be re-applied');
          }
          const key = `${record.collectionName}:${record.docId}`;
          byDoc.set(key, [...(byDoc.get(key) ?? []), record]);
        }
        for (const kept of byDoc.values()) {
          const [{ collectionName, docId }] = kept as [ConflictRecord, ...ConflictRecord[]];
          if (collectionName === 'presets') {
            const fields = Object.fromEntries(kept.map((r) => [r.field, fromJson(r.localJson)]));
            const reapplied = await savedViews.update(docId, fields);
            if (!reapplied.ok) return err(reapplied.error);
          } else {
            const ticket = await db.tickets.findOne(docId).exec();
            if (!ticket) return err('The ticket is no longer in this workstation’s replica');
            const result = await writer.updateTicket(docId, reappliedPatch(ticket.toMutableJSON(), kept));
            if (!result.ok) return err(result.error);
          }
          await db.conflicts.bulkRemove(kept.map((r) => r.id));
        }
        return ok(undefined);
      },
      async dismiss(...ids) {
        await db.conflicts.bulkRemove(ids);
      },
    },
    rejections: {
      list$: rejectionList$,
      async retry(id, edited) {
        const record = await db.rejections.findOne(id).exec();
        if (!record) return err('This refused change no longer exists');
        const local = (edited ?? fromJson(record.localJson)) as Ticket | Comment | Preset;
        const result =
          record.collectionName === 'presets'
            ? await savedViews.create({ name: (local as Preset).name, definition: (local as Preset).definition })
            : record.collectionName === 'comments'
              ? await writer.putComment(local as Comment)
              : await writer.putTicket(local as Ticket);
        if (!result.ok) return err(result.error);
        await record.remove();
        return ok(undefined);
      },
      async discard(id) {
        await db.rejections
          .findOne(id)
          .exec()
          .then((d) => d?.remove());
      },
    },
  };
}

/** One edit putting kept-aside local values back: form fields into the current form, tags added to the current ones. */
function reappliedPatch(current: Ticket, kept: readonly ConflictRecord[]): TicketPatch {
  const patch: Record<string, unknown> = {};
  const formData = { ...current.formData };
  for (const record of kept) {
    const local = fromJson(record.localJson);
    if (record.field.startsWith('formData.')) {
      const key = record.field.slice('formData.'.length);
      if (local === undefined) delete formData[key];
      else formData[key] = local as string | number | boolean;
      patch.formData = formData;
    } else if (record.field === 'tags') {
      patch.tags = [...new Set([...current.tags, ...(local as string[])])];
    } else patch[record.field] = local;
  }
  // A priority kept aside with only some of its levels (the others were not in conflict) may not match the current
  // ones: then the priority the user chose wins and the store picks the levels for it, as the priority picker does.
  const { impact = current.impact, urgency = current.urgency, priority } = patch as TicketPatch;
  if (priority && priorityFrom(impact, urgency) !== priority) {
    delete patch.impact;
    delete patch.urgency;
  }
  return patch as TicketPatch;
}

function stripDeleted<D extends { _deleted?: boolean }>(doc: D): Omit<D, '_deleted'> {
  const { _deleted: _, ...rest } = doc;
  return rest;
}
