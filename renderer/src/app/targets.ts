import type { KeyBinding } from '../../../shared/keymap';
import { keyHint } from '../keyboard/key-hint';
import { currentTicketId, useUi } from '../ui-state';

/**
 * The tickets an action applies to: in the ticket pane, its ticket; elsewhere the multi-selection if there is one,
 * else the current ticket (ui-state.ts `currentTicketId`: the ticket the pane shows, or the list's active row).
 */
export function actionTargets(): string[] {
  const s = useUi.getState();
  if (s.focusArea !== 'detail' && s.selected.length > 0) return [...s.selected];
  const current = currentTicketId(s);
  return current ? [current] : [];
}

/** A reply or a note is for one ticket, the one on screen (never the first of a selection). */
export function composerTarget(): string | null {
  return currentTicketId(useUi.getState());
}

const COMPOSES = new Set(['ticket.reply', 'ticket.note']);

/**
 * Whether the binding would change a ticket the pane shows read-only (the server's copy of a ticket the replica
 * does not hold): such keys and commands are refused (keyboard/KeyboardContext.tsx) and not offered.
 */
export function changesReadOnly(binding: Pick<KeyBinding, 'action' | 'changesTicket'>): boolean {
  const readOnly = useUi.getState().readOnlyTicketId;
  if (!binding.changesTicket || readOnly === null) return false;
  return COMPOSES.has(binding.action) ? composerTarget() === readOnly : actionTargets().includes(readOnly);
}

/** The ticket shown read-only that a `forReadOnly` binding (bring it to this device) acts on, or null: none on screen. */
export function readOnlyTarget(): string | null {
  const s = useUi.getState();
  return s.readOnlyTicketId !== null && currentTicketId(s) === s.readOnlyTicketId ? s.readOnlyTicketId : null;
}

/** Whether the binding has nothing to act on now: it is for a read-only ticket and none is on screen. */
export const lacksReadOnlyTarget = (binding: Pick<KeyBinding, 'forReadOnly'>): boolean =>
  binding.forReadOnly === true && readOnlyTarget() === null;

export const READ_ONLY_REFUSAL = `This ticket is not on this device: press ${keyHint('ticket.bringBack')} to bring it here and work on it`;
