import { sameJson } from '../canonical';
import { LIFECYCLE_RANK, type Status } from '../domain/lifecycle';
import { SERVER_OWNED_TICKET_FIELDS, type Ticket } from '../domain/ticket';
import { REPLICATION_FIELDS } from './protocol';

/**
 * Three-way, field-level merge of a ticket edited locally while someone else changed it on the server.
 *
 *   base   = the master state the client last saw (RxDB's assumed master); null when the client created the row
 *            and never heard back (e.g. the server committed the create but the response was lost)
 *   local  = the client's state that the server refused as stale
 *   master = the server's current state (it was written after `base`, so in server order it is the later writer)
 *
 * Guarantee: every field value the local user changed is either in `merged` or returned in `keptAside`, so the
 * caller can show it as a conflict record the user may re-apply. Nothing local disappears silently.
 *
 * | field                                              | one side changed | both changed (to different values)               |
 * |----------------------------------------------------|------------------|--------------------------------------------------|
 * | server-owned (number, updatedAt, sla, slaDueAt …)  | master           | master (the client's values are never authority) |
 * | title, description                                 | that side        | master; local text kept aside to re-apply        |
 * | status                                             | that side        | further along LIFECYCLE_RANK (tie → master),     |
 * |                                                    |                  | if the server allows that move; loser kept aside |
 * | tags                                               | that side        | base ∪ both additions − both removals (max 20;   |
 * |                                                    |                  | local additions that do not fit are kept aside)  |
 * | formData                                           | per key, like a scalar (both changed → master, local kept aside)    |
 * | impact, urgency, priority (one unit: priority is   | that side's three| master's three; each local value that differs is  |
 * |  impact × urgency, and the server refuses others)  |                  | kept aside                                       |
 * | everything else (assigneeId, queueId, category,    | that side        | master (last writer in server order); local      |
 * |  type, requesterId …)                              |                  | value kept aside                                 |
 * | master deleted (tombstone)                         | master wins; every locally changed field is kept aside              |
 *
 * "Changed" compares with `base`; with no base, a field counts as changed on both sides when local and master differ.
 */

export type MergeRule = 'master-wins' | 'text-master-wins' | 'lifecycle' | 'tags' | 'form-field' | 'master-deleted';

/** A local value the merge did not keep. `field` is a top-level ticket field or `formData.<key>` / `tags`. */
export interface KeptAside {
  field: string;
  rule: MergeRule;
  base: unknown;
  local: unknown;
  master: unknown;
}

export interface MergeResult<T> {
  merged: T;
  keptAside: KeptAside[];
}

export interface MergeOptions {
  /** Whether the server will accept moving the ticket from `from` to `to` (e.g. `checkTransition` for a role). */
  canMove?: (from: Status, to: Status) => boolean;
}

export const MAX_TAGS = 20;
const SERVER_OWNED = new Set<string>(SERVER_OWNED_TICKET_FIELDS);
const TEXT_FIELDS = new Set<string>(['title', 'description']);
/** Merged as one unit, so the result's priority is always the one its impact and urgency give. */
export const LEVEL_FIELDS = ['impact', 'urgency', 'priority'] as const;
const LEVELS = new Set<string>(LEVEL_FIELDS);

/**
 * The change a field belongs to, as the user made it: impact, urgency and priority are one change ('priority':
 * choosing a priority picks the levels, choosing a level recomputes the priority); every other field is its own.
 * Conflicts kept aside and undo act on whole changes, so a priority is never split from the levels that give it.
 */
export function changeUnitOf(field: string): string {
  return LEVELS.has(field) ? 'priority' : field;
}
/** Fields that are not the ticket's content: RxDB bookkeeping and the deletion flag. */
const META_FIELDS = new Set<string>(REPLICATION_FIELDS);

type TicketState = Ticket & { _deleted?: boolean };

export function mergeTicket<T extends TicketState>(
  base: T | null,
  local: T,
  master: T,
  options: MergeOptions = {},
): MergeResult<T> {
  const keptAside: KeptAside[] = [];
  const merged: Record<string, unknown> = { ...master };
  const b = base as Record<string, unknown> | null;
  const l = local as Record<string, unknown>;
  const m = master as Record<string, unknown>;

  if (master._deleted) return { merged: master, keptAside: keptAsideFromDeleted(b, l, m, SERVER_OWNED) };

  mergeLevels(b, l, m, merged, keptAside);
  for (const field of contentFields(local, master)) {
    if (SERVER_OWNED.has(field) || LEVELS.has(field)) continue;
    const baseValue = b?.[field];
    const localValue = l[field];
    const masterValue = m[field];
    if (sameJson(localValue, masterValue)) continue;
    const localChanged = changed(baseValue, localValue, b !== null);
    const masterChanged = changed(baseValue, masterValue, b !== null);
    if (!localChanged) continue; // master's value (already in merged)
    if (!masterChanged) {
      merged[field] = localValue;
      continue;
    }
    if (field === 'status') {
      const winner = pickStatus(localValue as Status, masterValue as Status, options);
      merged.status = winner;
      const loser = winner === localValue ? masterValue : localValue;
      // The master's status is visible anyway; only a losing local status needs keeping aside.
      if (loser === localValue)
        keptAside.push({ field, rule: 'lifecycle', base: baseValue, local: localValue, master: masterValue });
      continue;
    }
    if (field === 'tags') {
      const result = mergeTags(baseValue as string[] | undefined, localValue as string[], masterValue as string[]);
      merged.tags = result.tags;
      if (result.dropped.length > 0) {
        keptAside.push({ field, rule: 'tags', base: baseValue, local: result.dropped, master: masterValue });
      }
      continue;
    }
    if (field === 'formData') {
      merged.formData = mergeFormData(baseValue, localValue, masterValue, keptAside);
      continue;
    }
    const rule: MergeRule = TEXT_FIELDS.has(field) ? 'text-master-wins' : 'master-wins';
    keptAside.push({ field, rule, base: baseValue, local: localValue, master: masterValue });
  }
  return { merged: merged as T, keptAside };
}

/** Every field the local side changed that the deleted master does not hold: the local value, kept aside. */
function keptAsideFromDeleted(
  b: Record<string, unknown> | null,
  l: Record<string, unknown>,
  m: Record<string, unknown>,
  skip: ReadonlySet<string>,
): KeptAside[] {
  return contentFields(l, m)
    .filter((field) => !skip.has(field) && changed(b?.[field], l[field], b !== null) && !sameJson(l[field], m[field]))
    .map((field) => ({ field, rule: 'master-deleted', base: b?.[field], local: l[field], master: m[field] }));
}

/**
 * Three-way merge of a document without field-specific rules (presets such as saved views): a field changed on one
 * side only is taken from that side; changed on both, the master's value stays and the local one is kept aside
 * (`text-master-wins` for `textFields`, else `master-wins`); a deleted master wins, every local change kept aside.
 * A local deletion is not a field: when the master changed since, the merge is the master, so the document stays
 * (with the other side's change) rather than vanishing with an edit nobody on this side saw.
 */
export function mergeFields<T extends object & { _deleted?: boolean }>(
  base: T | null,
  local: T,
  master: T,
  textFields: ReadonlySet<string> = new Set(),
): MergeResult<T> {
  const b = base as Record<string, unknown> | null;
  const l = local as Record<string, unknown>;
  const m = master as Record<string, unknown>;
  if (master._deleted) return { merged: master, keptAside: keptAsideFromDeleted(b, l, m, new Set()) };
  const merged: Record<string, unknown> = { ...master };
  const keptAside: KeptAside[] = [];
  for (const field of contentFields(local, master)) {
    if (sameJson(l[field], m[field]) || !changed(b?.[field], l[field], b !== null)) continue;
    if (!changed(b?.[field], m[field], b !== null)) merged[field] = l[field];
    else {
      const rule: MergeRule = textFields.has(field) ? 'text-master-wins' : 'master-wins';
      keptAside.push({ field, rule, base: b?.[field], local: l[field], master: m[field] });
    }
  }
  return { merged: merged as T, keptAside };
}

function mergeLevels(
  b: Record<string, unknown> | null,
  l: Record<string, unknown>,
  m: Record<string, unknown>,
  merged: Record<string, unknown>,
  keptAside: KeptAside[],
): void {
  const changedOn = (side: Record<string, unknown>) =>
    LEVEL_FIELDS.some((field) => changed(b?.[field], side[field], b !== null));
  if (LEVEL_FIELDS.every((field) => sameJson(l[field], m[field])) || !changedOn(l)) return; // master's (in merged)
  if (!changedOn(m)) {
    for (const field of LEVEL_FIELDS) merged[field] = l[field];
    return;
  }
  for (const field of LEVEL_FIELDS) {
    if (!sameJson(l[field], m[field]) && changed(b?.[field], l[field], b !== null)) {
      keptAside.push({ field, rule: 'master-wins', base: b?.[field], local: l[field], master: m[field] });
    }
  }
}

function pickStatus(local: Status, master: Status, options: MergeOptions): Status {
  if (LIFECYCLE_RANK[local] <= LIFECYCLE_RANK[master]) return master;
  if (options.canMove && !options.canMove(master, local)) return master;
  return local;
}

/** base ∪ additions of either side − removals of either side; master's order first, then local additions. */
export function mergeTags(
  base: readonly string[] | undefined,
  local: readonly string[],
  master: readonly string[],
): { tags: string[]; dropped: string[] } {
  const baseSet = new Set(base ?? []);
  const removed = new Set<string>();
  for (const tag of baseSet) if (!local.includes(tag) || !master.includes(tag)) removed.add(tag);
  const result: string[] = [];
  for (const tag of [...master, ...local]) {
    if (!removed.has(tag) && !result.includes(tag)) result.push(tag);
  }
  const tags = result.slice(0, MAX_TAGS);
  const dropped = result.slice(MAX_TAGS).filter((tag) => local.includes(tag));
  return { tags, dropped };
}

function mergeFormData(
  base: unknown,
  local: unknown,
  master: unknown,
  keptAside: KeptAside[],
): Record<string, unknown> {
  const b = (base ?? null) as Record<string, unknown> | null;
  const l = local as Record<string, unknown>;
  const m = master as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...m };
  const keys = new Set([...Object.keys(l), ...Object.keys(m), ...Object.keys(b ?? {})]);
  for (const key of [...keys].sort()) {
    const baseValue = b?.[key];
    const localValue = l[key];
    const masterValue = m[key];
    if (sameJson(localValue, masterValue)) continue;
    const localChanged = changed(baseValue, localValue, b !== null);
    const masterChanged = changed(baseValue, masterValue, b !== null);
    if (!localChanged) continue;
    if (!masterChanged) {
      if (localValue === undefined) delete merged[key];
      else merged[key] = localValue;
      continue;
    }
    keptAside.push({
      field: `formData.${key}`,
      rule: 'form-field',
      base: baseValue,
      local: localValue,
      master: masterValue,
    });
  }
  return merged;
}

function contentFields(local: object, master: object): string[] {
  const fields = new Set([...Object.keys(local), ...Object.keys(master)]);
  return [...fields].filter((f) => !META_FIELDS.has(f)).sort();
}

/** Without a base (a create whose answer was lost) every difference counts as a change on both sides. */
function changed(base: unknown, value: unknown, hasBase: boolean): boolean {
  return !hasBase || !sameJson(base, value);
}
