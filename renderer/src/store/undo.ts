import { BehaviorSubject, type Observable } from 'rxjs';
import { sameJson } from '../../../shared/canonical';
import type { Ticket } from '../../../shared/domain/ticket';
import { err, ok, type Result } from '../../../shared/result';
import { changeUnitOf, LEVEL_FIELDS } from '../../../shared/sync/merge';
import {
  clientFields,
  editShortcuts,
  type StoreActions,
  type StoreWriter,
  type TicketEdit,
  type TicketPatch,
  type TicketPatchFor,
} from './actions';
import type { StoreDatabase } from './database';

/**
 * Undo of the user's last action (Ctrl/⌘+Z), for UNDO_WINDOW_MS after it.
 *
 * Guarantees:
 * - An undo is a compensating edit through the store's one write path (`updateTicket`): validated, checked against
 *   the write rules and the lifecycle, recorded as pending, pushed like any edit. Offline it waits with the rest.
 * - It never overwrites a later change: a field (or the priority with its impact and urgency, which are one change)
 *   is restored only while it still holds the value the action wrote. Changed since — by another workstation, a
 *   merge, or this user — it is left as it is and reported as skipped. A later change on the server that has not
 *   reached this workstation yet meets the undo in the three-way merge, which keeps the server's value and the
 *   undo's value as a visible conflict.
 * - One undo per action: the entry is taken before the writes, so pressing twice does not undo twice.
 * - Creating a ticket and adding a reply or note cannot be undone (a reply may already be on its way to the
 *   requester, and tickets and comments are never deleted by a workstation); they end the previous action's undo
 *   so Ctrl+Z never reaches past them to an older action, and Ctrl+Z says why.
 * The log lives in memory: a restart ends the undo window.
 */

export const UNDO_WINDOW_MS = 30_000;

/** One ticket's part of an action: the fields it changed, before and after (priority with its levels). */
export interface UndoChange {
  ticketId: string;
  before: TicketPatch;
  after: TicketPatch;
}

export type FinalAction = 'comment' | 'create';

/** `until`: epoch ms after which it can no longer be undone. */
export type UndoEntry =
  | { kind: 'edit'; seq: number; until: number; changes: UndoChange[] }
  | { kind: 'final'; seq: number; until: number; action: FinalAction };

export interface UndoOutcome {
  /** The changes undone, in full or in part. */
  undone: UndoChange[];
  /** Fields left as they are because they changed since the action. */
  skipped: { ticketId: string; fields: string[] }[];
  /** Tickets the compensating edit could not be written for, with the reason. */
  failed: { ticketId: string; error: string }[];
}

const FINAL_TEXT: Record<FinalAction, string> = {
  comment: 'A reply or note cannot be undone once added',
  create: 'Creating a ticket cannot be undone; close or cancel the ticket instead',
};

/** The fields an edit changed, each with the rest of its change unit (a priority comes with its levels). */
export function changeOf(edit: TicketEdit): UndoChange | null {
  const before = clientFields(edit.before) as Record<string, unknown>;
  const after = clientFields(edit.after) as Record<string, unknown>;
  const changed = Object.keys(after).filter((f) => !sameJson(before[f], after[f]));
  if (changed.length === 0) return null;
  const fields = new Set(changed);
  if (changed.some((f) => changeUnitOf(f) === 'priority')) for (const f of LEVEL_FIELDS) fields.add(f);
  const pick = (from: Record<string, unknown>) => Object.fromEntries([...fields].map((f) => [f, from[f]]));
  return { ticketId: edit.after.id, before: pick(before), after: pick(after) };
}

export class UndoLog {
  private readonly entry = new BehaviorSubject<UndoEntry | null>(null);
  private seq = 0;
  /** The action Ctrl+Z would undo now, or null; the UI offers it in a toast. */
  readonly last$: Observable<UndoEntry | null> = this.entry.asObservable();

  constructor(
    private readonly db: StoreDatabase,
    private readonly writer: StoreWriter,
    private readonly now: () => Date,
  ) {}

  /** Records an action's edits as the one to undo (an action that changed nothing leaves the previous one). */
  recordEdits(edits: readonly (TicketEdit | null)[]): void {
    const changes = edits.flatMap((e) => (e ? (changeOf(e) ?? []) : []));
    if (changes.length === 0) return;
    this.entry.next({ kind: 'edit', seq: ++this.seq, until: this.until(), changes });
  }

  /** An action that cannot be undone took place: Ctrl+Z now explains that instead of undoing an older one. */
  recordFinal(action: FinalAction): void {
    this.entry.next({ kind: 'final', seq: ++this.seq, until: this.until(), action });
  }

  private until(): number {
    return this.now().getTime() + UNDO_WINDOW_MS;
  }

  async undo(): Promise<Result<UndoOutcome>> {
    const entry = this.entry.value;
    if (!entry) return err('Nothing to undo');
    if (this.now().getTime() > entry.until) {
      this.entry.next(null);
      return err(`Nothing to undo: an action can be undone for ${UNDO_WINDOW_MS / 1000} seconds`);
    }
    if (entry.kind === 'final') return err(FINAL_TEXT[entry.action]);
    this.entry.next(null);
    const outcome: UndoOutcome = { undone: [], skipped: [], failed: [] };
    for (const change of entry.changes) {
      const doc = await this.db.tickets.findOne(change.ticketId).exec();
      if (!doc) {
        outcome.failed.push({ ticketId: change.ticketId, error: 'the ticket is no longer on this workstation' });
        continue;
      }
      const { restore, skipped } = restorable(change, doc.toMutableJSON());
      if (skipped.length > 0) outcome.skipped.push({ ticketId: change.ticketId, fields: skipped });
      if (Object.keys(restore).length === 0) continue;
      const written = await this.writer.updateTicket(change.ticketId, restore);
      if (written.ok) outcome.undone.push({ ...change, before: restore });
      else outcome.failed.push({ ticketId: change.ticketId, error: written.error });
    }
    return ok(outcome);
  }
}

/** What of a change can be put back: each change unit still as the action wrote it; the rest changed since. */
export function restorable(change: UndoChange, current: Ticket): { restore: TicketPatch; skipped: string[] } {
  const now = clientFields(current) as Record<string, unknown>;
  const after = change.after as Record<string, unknown>;
  const before = change.before as Record<string, unknown>;
  const units = new Map<string, string[]>();
  for (const field of Object.keys(after)) {
    const unit = changeUnitOf(field);
    units.set(unit, [...(units.get(unit) ?? []), field]);
  }
  const restore: Record<string, unknown> = {};
  const skipped: string[] = [];
  for (const fields of units.values()) {
    if (fields.every((f) => sameJson(now[f], after[f]))) for (const f of fields) restore[f] = before[f];
    else skipped.push(...fields);
  }
  return { restore: restore as TicketPatch, skipped };
}

/**
 * The store's actions as the UI calls them, each recorded for undo: edits (single and bulk) as one entry per call,
 * creates and comments as the end of undo (see above).
 */
export function recordingActions(writer: StoreWriter, log: UndoLog): StoreActions {
  const update = async (id: string, patch: TicketPatch) => {
    const result = await writer.editTicket(id, patch);
    if (result.ok) log.recordEdits([result.value.edit]);
    return result.ok ? ok(result.value.ticket) : result;
  };
  const bulkPatch = async (edits: readonly TicketPatchFor[]) => {
    const results = await Promise.all(edits.map(({ id, patch }) => writer.editTicket(id, patch)));
    log.recordEdits(results.map((r) => (r.ok ? r.value.edit : null)));
    return results.map((r) => (r.ok ? ok(r.value.ticket) : r));
  };
  const final =
    <T>(action: FinalAction) =>
    (result: Result<T>) => {
      if (result.ok) log.recordFinal(action);
      return result;
    };
  return {
    createTicket: (input) => writer.createTicket(input).then(final('create')),
    createTicketFromCatalog: (input) => writer.createTicketFromCatalog(input).then(final('create')),
    addComment: (ticketId, body, visibility) => writer.addComment(ticketId, body, visibility).then(final('comment')),
    updateTicket: update,
    ...editShortcuts(update, bulkPatch),
  };
}
