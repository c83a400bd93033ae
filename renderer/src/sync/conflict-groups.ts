import { changeUnitOf } from '../../../shared/sync/merge';
import type { ConflictView } from '../rx/store-api';
import { fieldName, type Names, showField } from './records';

/**
 * Conflict records grouped by the change the user made. A merge keeps each field aside on its own, but impact,
 * urgency and priority are one change to the user (priority is impact × urgency): one lost priority change is one
 * conflict, shown, re-applied and kept as one (shared/sync/merge.ts `changeUnitOf`). Records of one resolution share
 * their ticket and time.
 */
export interface ConflictGroup {
  /** Stable for the same records: a React key and what "already announced" remembers. */
  key: string;
  docId: string;
  collection: ConflictView['collection'];
  /** The change: a field name, or `priority` for the priority with its levels. */
  unit: string;
  records: ConflictView[];
  createdAt: string;
}

export function groupConflicts(records: readonly ConflictView[]): ConflictGroup[] {
  const groups = new Map<string, ConflictGroup>();
  for (const record of records) {
    const unit = changeUnitOf(record.field);
    const id = JSON.stringify([record.collection, record.docId, record.createdAt, unit]);
    const group = groups.get(id);
    if (group) group.records.push(record);
    else
      groups.set(id, {
        key: record.id,
        docId: record.docId,
        collection: record.collection,
        unit,
        records: [record],
        createdAt: record.createdAt,
      });
  }
  return [...groups.values()];
}

export const recordIds = (group: ConflictGroup): string[] => group.records.map((r) => r.id);

/** The change in words: what it is about, the value kept (theirs) and the user's own. */
export interface ConflictText {
  field: string;
  kept: string;
  yours: string;
}

export function conflictText(group: ConflictGroup, names: Names): ConflictText {
  if (group.unit === 'priority') return priorityText(group, names);
  const [record] = group.records;
  if (!record) return { field: fieldName(group.unit), kept: '', yours: '' };
  return {
    field: fieldName(record.field),
    kept: showField(record.field, record.master, names),
    yours: showField(record.field, record.local, names),
  };
}

/** "P3 → P2 (urgency High)": the priority as the user changed it, with the levels that were in conflict. */
function priorityText(group: ConflictGroup, names: Names): ConflictText {
  const priority = group.records.find((r) => r.field === 'priority');
  const levels = group.records.filter((r) => r.field !== 'priority');
  const side = (value: (r: ConflictView) => unknown, main: string) => {
    const detail = levels.map((r) => `${r.field} ${showField(r.field, value(r), names)}`).join(', ');
    return main && detail ? `${main} (${detail})` : main || detail;
  };
  const from = priority && typeof priority.base === 'string' && priority.base !== priority.local;
  const yours = priority ? (from ? `${priority.base} → ${priority.local}` : String(priority.local)) : '';
  return {
    field: 'priority',
    kept: side((r) => r.master, priority ? String(priority.master) : ''),
    yours: side((r) => r.local, yours),
  };
}
