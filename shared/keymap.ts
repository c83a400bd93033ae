import { type Feature, mayUse } from './domain/access';
import type { Role } from './domain/user';
import { mayChangeField, type TicketField } from './sync/write-rules';

/**
 * The keyboard map: one table that drives the key handling, the `?` overlay and the command palette.
 *
 * Notation: `Mod` is Ctrl (Windows, Linux) or ⌘ (macOS); `Shift+x` is a shifted letter; `g q` is a sequence (press
 * g, then q). Keys are `KeyboardEvent.key` names (`ArrowDown`, `Enter`, `Escape`, `/`, `?`).
 */
export type KeyGroup = 'Move' | 'Ticket' | 'Views' | 'General';

/** Where a binding applies: `list` and `detail` only when that area has focus; `global` anywhere (not in fields). */
export type KeyScope = 'global' | 'list' | 'detail' | 'composer';

export interface KeyBinding {
  readonly action: string;
  readonly keys: readonly string[];
  readonly label: string;
  readonly group: KeyGroup;
  readonly scope: KeyScope;
  /** Shown in the palette as an action the user can run from there. */
  readonly inPalette: boolean;
  /** Bindings that share this are one row of the `?` overlay (`g 1` … `g 9`), with its own label and keys. */
  readonly helpRow?: { readonly label: string; readonly keys: string };
  /** Only for the roles that may use this feature (shared/domain/access.ts): elsewhere not listed, and refused. */
  readonly requires?: Feature;
  /** The ticket field it changes: only for roles that may change it (shared/sync/write-rules.ts), elsewhere not listed. */
  readonly edits?: TicketField;
  /** Changes the tickets it acts on: refused, and not listed, for a ticket shown read-only (not on this device). */
  readonly changesTicket?: true;
  /** Acts on a ticket shown read-only (not on this device): offered, and acted on, only while one is on screen. */
  readonly forReadOnly?: true;
  /** Also acts while the focus is in a text field (outside dialogs). Without it a field keeps the key (Ctrl+Z undoes typing). */
  readonly inFields?: boolean;
}

/** `g 1` … `g 9` open the saved views in sidebar order. */
export const SAVED_VIEW_SLOTS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
export type SavedViewSlot = (typeof SAVED_VIEW_SLOTS)[number];
export const savedViewAction = (slot: SavedViewSlot) => `view.saved.${slot}` as const;
const SAVED_VIEW_ROW = { label: 'Go to saved view 1–9', keys: 'g 1…9' } as const;
const SAVED_VIEW_BINDINGS = SAVED_VIEW_SLOTS.map((slot) => ({
  action: savedViewAction(slot),
  keys: [`g ${slot}`],
  label: `Go to saved view ${slot}`,
  group: 'Views' as const,
  scope: 'global' as const,
  inPalette: false,
  helpRow: SAVED_VIEW_ROW,
}));

export const KEYMAP = [
  {
    action: 'list.next',
    keys: ['j', 'ArrowDown'],
    label: 'Next ticket',
    group: 'Move',
    scope: 'list',
    inPalette: false,
  },
  {
    action: 'list.prev',
    keys: ['k', 'ArrowUp'],
    label: 'Previous ticket',
    group: 'Move',
    scope: 'list',
    inPalette: false,
  },
  { action: 'list.first', keys: ['Home'], label: 'First ticket', group: 'Move', scope: 'list', inPalette: false },
  { action: 'list.last', keys: ['End'], label: 'Last ticket', group: 'Move', scope: 'list', inPalette: false },
  { action: 'list.open', keys: ['Enter', 'o'], label: 'Open ticket', group: 'Move', scope: 'list', inPalette: false },
  { action: 'nav.back', keys: ['Escape'], label: 'Back / close', group: 'Move', scope: 'global', inPalette: false },
  { action: 'list.toggleSelect', keys: ['x'], label: 'Select ticket', group: 'Move', scope: 'list', inPalette: false },
  {
    action: 'list.extendDown',
    keys: ['Shift+ArrowDown', 'Shift+j'],
    label: 'Extend selection down',
    group: 'Move',
    scope: 'list',
    inPalette: false,
  },
  {
    action: 'list.extendUp',
    keys: ['Shift+ArrowUp', 'Shift+k'],
    label: 'Extend selection up',
    group: 'Move',
    scope: 'list',
    inPalette: false,
  },
  {
    action: 'list.rangeSelect',
    keys: ['Shift+x'],
    label: 'Select range',
    group: 'Move',
    scope: 'list',
    inPalette: false,
  },
  {
    action: 'ticket.assignToMe',
    keys: ['a'],
    label: 'Assign to me',
    group: 'Ticket',
    scope: 'global',
    inPalette: true,
    changesTicket: true,
    edits: 'assigneeId',
  },
  {
    action: 'ticket.assignTo',
    keys: ['Shift+a'],
    label: 'Assign to…',
    group: 'Ticket',
    scope: 'global',
    inPalette: true,
    changesTicket: true,
    edits: 'assigneeId',
  },
  {
    action: 'ticket.status',
    keys: ['s'],
    label: 'Set status…',
    group: 'Ticket',
    scope: 'global',
    inPalette: true,
    changesTicket: true,
  },
  {
    action: 'ticket.priority',
    keys: ['p'],
    label: 'Set priority…',
    group: 'Ticket',
    scope: 'global',
    inPalette: true,
    changesTicket: true,
  },
  {
    action: 'ticket.moveQueue',
    keys: ['m'],
    label: 'Move to queue…',
    group: 'Ticket',
    scope: 'global',
    inPalette: true,
    changesTicket: true,
    edits: 'queueId',
  },
  {
    action: 'ticket.tags',
    keys: ['t'],
    label: 'Edit tags…',
    group: 'Ticket',
    scope: 'global',
    inPalette: true,
    changesTicket: true,
  },
  // The open ticket's own fields: keys act only in the detail pane (the palette routes them there).
  {
    action: 'ticket.editTitle',
    keys: ['e'],
    label: 'Edit title…',
    group: 'Ticket',
    scope: 'detail',
    inPalette: true,
    changesTicket: true,
  },
  {
    action: 'ticket.editDescription',
    keys: ['d'],
    label: 'Edit description…',
    group: 'Ticket',
    scope: 'detail',
    inPalette: true,
    changesTicket: true,
  },
  {
    action: 'ticket.type',
    keys: ['y'],
    label: 'Change type…',
    group: 'Ticket',
    scope: 'detail',
    inPalette: true,
    changesTicket: true,
  },
  {
    action: 'ticket.category',
    keys: ['Shift+c'],
    label: 'Change category / catalog item…',
    group: 'Ticket',
    scope: 'detail',
    inPalette: true,
    changesTicket: true,
  },
  {
    action: 'ticket.requester',
    keys: ['Shift+r'],
    label: 'Change requester…',
    group: 'Ticket',
    scope: 'detail',
    inPalette: true,
    changesTicket: true,
    edits: 'requesterId',
  },
  {
    action: 'ticket.reply',
    keys: ['r'],
    label: 'Reply to requester',
    group: 'Ticket',
    scope: 'global',
    inPalette: true,
    changesTicket: true,
  },
  {
    action: 'ticket.note',
    keys: ['n'],
    label: 'Add internal note',
    group: 'Ticket',
    scope: 'global',
    inPalette: true,
    changesTicket: true,
  },
  { action: 'ticket.create', keys: ['c'], label: 'Create ticket', group: 'Ticket', scope: 'global', inPalette: true },
  {
    action: 'ticket.bringBack',
    keys: ['b'],
    label: 'Bring to this device to work on it',
    group: 'Ticket',
    scope: 'global',
    inPalette: true,
    forReadOnly: true,
  },
  {
    action: 'composer.send',
    keys: ['Mod+Enter'],
    label: 'Send',
    group: 'Ticket',
    scope: 'composer',
    inPalette: false,
    inFields: true,
  },
  {
    action: 'edit.undo',
    keys: ['Mod+z'],
    label: 'Undo last change',
    group: 'Ticket',
    scope: 'global',
    inPalette: true,
  },
  { action: 'search.focus', keys: ['/'], label: 'Search tickets', group: 'General', scope: 'global', inPalette: true },
  { action: 'view.queues', keys: ['g q'], label: 'Go to a queue…', group: 'Views', scope: 'global', inPalette: true },
  {
    action: 'view.mine',
    keys: ['g m'],
    label: 'Go to My open tickets',
    group: 'Views',
    scope: 'global',
    inPalette: true,
  },
  {
    action: 'view.all',
    keys: ['g a'],
    label: 'Go to All open tickets',
    group: 'Views',
    scope: 'global',
    inPalette: true,
  },
  {
    action: 'view.unassigned',
    keys: ['g u'],
    label: 'Go to Unassigned',
    group: 'Views',
    scope: 'global',
    inPalette: true,
  },
  {
    action: 'view.breaching',
    keys: ['g s'],
    label: 'Go to Breaching soon',
    group: 'Views',
    scope: 'global',
    inPalette: true,
  },
  { action: 'view.breached', keys: ['g b'], label: 'Go to Breached', group: 'Views', scope: 'global', inPalette: true },
  {
    action: 'view.workload',
    keys: ['g w'],
    label: 'Go to Workload',
    group: 'Views',
    scope: 'global',
    inPalette: true,
    requires: 'workload',
  },
  {
    action: 'view.sidebar',
    keys: ['['],
    label: 'Show or hide the sidebar',
    group: 'Views',
    scope: 'global',
    inPalette: true,
  },
  { action: 'view.sync', keys: ['g y'], label: 'Open sync status', group: 'Views', scope: 'global', inPalette: true },
  {
    action: 'view.save',
    keys: ['Shift+s'],
    label: 'Save this view…',
    group: 'Views',
    scope: 'global',
    inPalette: true,
  },
  ...SAVED_VIEW_BINDINGS,
  {
    action: 'palette.open',
    keys: ['Mod+k'],
    label: 'Command palette',
    group: 'General',
    scope: 'global',
    inPalette: false,
    inFields: true,
  },
  {
    action: 'help.keys',
    keys: ['?'],
    label: 'Show keyboard shortcuts',
    group: 'General',
    scope: 'global',
    inPalette: true,
  },
] as const satisfies readonly KeyBinding[];

export type KeyAction = (typeof KEYMAP)[number]['action'];

/** Whether a user with `role` may use the binding (the ones for supervisors are not even listed for others). */
export const bindingAllowed = (binding: KeyBinding, role: Role): boolean =>
  (binding.requires === undefined || mayUse(role, binding.requires)) &&
  (binding.edits === undefined || mayChangeField(role, binding.edits));

export function bindingFor(action: KeyAction): KeyBinding {
  const binding = KEYMAP.find((b) => b.action === action);
  if (!binding) throw new Error(`no binding for ${action}`);
  return binding;
}

/** The parts of a KeyboardEvent the matcher needs, so it can be tested without a DOM. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

interface Chord {
  key: string;
  mod: boolean;
  shift: boolean;
  alt: boolean;
}

function parseChord(text: string): Chord {
  const parts = text.split('+');
  const key = parts.pop() ?? '';
  return { key, mod: parts.includes('Mod'), shift: parts.includes('Shift'), alt: parts.includes('Alt') };
}

const isLetter = (key: string) => /^[a-z]$/i.test(key);

function chordMatches(chord: Chord, press: KeyPress, isMac: boolean): boolean {
  const mod = isMac ? press.metaKey : press.ctrlKey;
  const otherMod = isMac ? press.ctrlKey : press.metaKey;
  if (chord.mod !== mod || otherMod || chord.alt !== press.altKey) return false;
  if (isLetter(chord.key)) return press.key.toLowerCase() === chord.key.toLowerCase() && chord.shift === press.shiftKey;
  // Punctuation such as `?` already implies the shift needed to type it on the user's layout.
  if (chord.key.length === 1) return press.key === chord.key;
  return press.key === chord.key && chord.shift === press.shiftKey;
}

/**
 * Turns key presses into actions, including two-key sequences (`g` then `q`). Pure and stateful only in the
 * pending sequence prefix, which expires after `sequenceTimeoutMs`.
 */
export function createKeyMatcher(options: {
  isMac: boolean;
  bindings?: readonly KeyBinding[];
  sequenceTimeoutMs?: number;
}) {
  const bindings = options.bindings ?? KEYMAP;
  const timeout = options.sequenceTimeoutMs ?? 1200;
  const sequences = bindings.flatMap((b) =>
    b.keys.map((keys) => ({ binding: b, chords: keys.split(' ').map(parseChord) })),
  );
  let pending: { chord: KeyPress; at: number } | null = null;

  return {
    /** Returns the binding the press completes, `'pending'` if it starts a sequence, or null. */
    press(press: KeyPress, now: number): KeyBinding | 'pending' | null {
      const prefix = pending && now - pending.at <= timeout ? pending.chord : null;
      pending = null;
      if (prefix) {
        const hit = sequences.find(
          (s) =>
            s.chords.length === 2 &&
            s.chords[0] !== undefined &&
            s.chords[1] !== undefined &&
            chordMatches(s.chords[0], prefix, options.isMac) &&
            chordMatches(s.chords[1], press, options.isMac),
        );
        if (hit) return hit.binding;
      }
      const single = sequences.find(
        (s) => s.chords.length === 1 && s.chords[0] !== undefined && chordMatches(s.chords[0], press, options.isMac),
      );
      if (single) return single.binding;
      const starts = sequences.some(
        (s) => s.chords.length === 2 && s.chords[0] !== undefined && chordMatches(s.chords[0], press, options.isMac),
      );
      if (starts) {
        pending = { chord: press, at: now };
        return 'pending';
      }
      return null;
    },
    reset() {
      pending = null;
    },
  };
}

const KEY_NAMES: Record<string, string> = {
  ArrowDown: '↓',
  ArrowUp: '↑',
  Enter: 'Enter',
  Escape: 'Esc',
  Home: 'Home',
  End: 'End',
};

/** Human label for a key notation: `Mod+k` → `Ctrl K` / `⌘ K`; `g q` → `g then q`. */
export function formatKeys(keys: string, isMac: boolean): string {
  return keys
    .split(' ')
    .map((chord) =>
      chord
        .split('+')
        .map((part) => {
          if (part === 'Mod') return isMac ? '⌘' : 'Ctrl';
          if (part === 'Shift') return isMac ? '⇧' : 'Shift';
          if (part === 'Alt') return isMac ? '⌥' : 'Alt';
          return KEY_NAMES[part] ?? (part.length === 1 ? part.toUpperCase() : part);
        })
        .join(' '),
    )
    .join(' then ');
}
