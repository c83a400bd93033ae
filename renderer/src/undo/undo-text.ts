import { changeUnitOf } from '../../../shared/sync/merge';
import type { TicketPatch, UndoChange, UndoOutcome } from '../rx/store-api';
import { fieldName, type Names, showField } from '../sync/records';

/** Ticket labels by id (INC-1042), read before the text is written. */
export type Labels = (ticketId: string) => string;

/** "assignee → Priya Shah; priority → P2": each change of a patch, priority with its levels as one. */
function changesText(patch: TicketPatch, names: Names, arrow: string): string {
  const values = patch as Record<string, unknown>;
  const units = [...new Set(Object.keys(values).map(changeUnitOf))];
  return units
    .map((unit) =>
      unit === 'priority'
        ? `priority ${arrow} ${String(values.priority)}`
        : `${fieldName(unit)} ${arrow} ${showField(unit, values[unit], names)}`,
    )
    .join('; ');
}

/** What the undo toast says was done: one ticket by its label, several by their number and the common change. */
export function describeAction(changes: readonly UndoChange[], names: Names, label: Labels): string {
  const [first] = changes;
  if (!first) return '';
  if (changes.length === 1) return `${label(first.ticketId)}: ${changesText(first.after, names, '→')}`;
  const texts = new Set(changes.map((c) => changesText(c.after, names, '→')));
  const [text] = texts;
  if (texts.size === 1 && text) return `${changes.length} tickets: ${text}`;
  const fields = [...new Set(changes.flatMap((c) => Object.keys(c.after).map(changeUnitOf)))].map(fieldName);
  return `${changes.length} tickets: ${fields.join(', ')} changed`;
}

const plural = (n: number, one: string) => (n === 1 ? one : `${n} tickets`);

/** What an undo did, including what it left alone and why. */
export function describeOutcome(outcome: UndoOutcome, names: Names, label: Labels): string {
  const parts: string[] = [];
  const [undone] = outcome.undone;
  if (outcome.undone.length === 1 && undone)
    parts.push(`Undone: ${label(undone.ticketId)} ${changesText(undone.before, names, 'back to')}`);
  else if (outcome.undone.length > 1) parts.push(`Undone on ${outcome.undone.length} tickets`);
  const [skipped] = outcome.skipped;
  if (outcome.skipped.length === 1 && skipped) {
    const fields = [...new Set(skipped.fields.map(changeUnitOf))].map(fieldName).join(', ');
    parts.push(`not undone: the ${fields} of ${label(skipped.ticketId)} changed since, so it was left as it is`);
  } else if (outcome.skipped.length > 1)
    parts.push(`not undone on ${outcome.skipped.length} tickets: changed since, so left as they are`);
  const [failed] = outcome.failed;
  if (failed)
    parts.push(
      `could not undo ${plural(outcome.failed.length, label(failed.ticketId))}: ${failed.error.replace(/\.$/, '')}`,
    );
  if (parts.length === 0) return 'Nothing to undo';
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
