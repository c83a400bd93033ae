import { z } from 'zod';
import { create } from 'zustand';
import { IdSchema } from '../../shared/domain/common';
import { ACTIVE_STATUSES } from '../../shared/domain/lifecycle';
import {
  type BaseView,
  BaseViewSchema,
  type SavedView,
  type SortKey,
  SortKeySchema,
  type ViewFilters,
  ViewFiltersSchema,
} from '../../shared/domain/preset';
import { canSupervise, type Role } from '../../shared/domain/user';
import type { OpenTicketRef } from '../../shared/ipc/contract';

/**
 * UI state only: what is selected, focused and open, and the filters. Documents never live here (saved views are
 * the store's, `store.savedViews`); they are read from RxDB through queries. The view last shown persists in
 * localStorage per account (server and user): the workstation reopens where its user left it, and the next person
 * to sign in on it starts on their own tickets, never on the view someone else left open.
 */
export type ViewRef = BaseView | { kind: 'saved'; id: string };
export type Filters = ViewFilters;
export type { SortKey };

export type Screen = 'queue' | 'workload';
/** The keyboard areas (keyboard/areas.ts); `focusArea` is the one that had focus last. */
export type FocusArea = 'list' | 'detail' | 'workload';
export type DetailMode = 'closed' | 'split' | 'full';
export type PickerKind = 'assign' | 'status' | 'priority' | 'queue' | 'tags';

/** Never mutated: filters change by replacing the object (setFilters). */
export const DEFAULT_FILTERS: Readonly<Filters> = Object.freeze({
  text: '',
  statuses: [...ACTIVE_STATUSES],
  priorities: [],
  assigneeId: null,
  tag: null,
});

export interface UiState {
  screen: Screen;
  view: ViewRef;
  sort: SortKey;
  filters: Filters;
  activeIndex: number;
  activeId: string | null;
  selected: string[];
  /** Where a Shift-selection starts (the row last selected by itself), and what was selected before it. */
  anchorIndex: number | null;
  rangeBase: string[];
  detail: DetailMode;
  openTicketId: string | null;
  /**
   * The open ticket, when the pane shows it read-only from the server's copy because the replica does not hold it
   * (a closed ticket older than the working set); else null. No key, button or palette command edits it.
   */
  readOnlyTicketId: string | null;
  /**
   * The read-only ticket being brought to this device (ticket/bring-back.ts): asked of the server, or on its way into
   * the replica; cleared once the pane reads it from there, or when the server says no.
   */
  bringingBackId: string | null;
  focusArea: FocusArea;
  picker: { kind: PickerKind; ticketIds: string[] } | null;
  /** The reply or note being written, and the ticket it is for (the pane shows it only with that ticket). */
  composer: Composer | null;
  paletteOpen: boolean;
  /** What the palette opens with (g q opens it on the queues). */
  paletteQuery: string;
  /** A short message for the status line and screen readers ("Assigned to you"). */
  announcement: { text: string; at: number } | null;
  helpOpen: boolean;
  syncOpen: boolean;
  createOpen: boolean;
  /** The dialog naming the view shown, to keep it as a saved view (Shift+S). */
  saveViewOpen: boolean;
  /** Whose workstation this is now (`accountKey`), or null while nobody is signed in. */
  account: string | null;
  /** The replica has caught up with the server at least once since the store opened. */
  replicaReady: boolean;
  /** A ticket the desktop shell asked to open (deep link, notification click), held until the workspace can. */
  openRequest: OpenTicketRef | null;
  /** Tickets the signed-in user opened, most recent first (kept per account, for the palette). */
  recentTicketIds: string[];
  /** The views sidebar is hidden (`[`), leaving its width to the list and the pane; kept on this device. */
  sidebarHidden: boolean;

  /**
   * A user's session begins: their own view last shown (or their role's first view, `firstViewFor`) and recent
   * tickets, nothing of the previous user's screen.
   */
  startSession(account: string, role: Role): void;
  /** Signing out: the view last shown and the recent tickets are forgotten with the rest of the user's data here. */
  endSession(): void;
  showView(view: BaseView): void;
  showSaved(view: Pick<SavedView, 'id' | 'definition'>): void;
  showScreen(screen: Screen): void;
  setSort(sort: SortKey): void;
  setFilters(patch: Partial<Filters>): void;
  setActive(index: number, id: string | null): void;
  toggleSelected(id: string, index: number): void;
  selectRange(ids: string[], index: number): void;
  /** Shift+↑/↓, Shift+click: the selection from before the anchor plus `ids` (the rows from the anchor on). */
  extendSelection(anchor: number, ids: string[]): void;
  clearSelection(): void;
  /** `readOnly`: a ticket found on the server, not in the replica (the pane confirms it: `markReadOnly`). */
  openTicket(id: string, mode?: DetailMode, options?: { readOnly?: boolean }): void;
  /** The pane read the open ticket `id` from the replica (false) or found it missing there (true). */
  markReadOnly(id: string, readOnly: boolean): void;
  setBringingBack(id: string | null): void;
  closeDetail(): void;
  setFocusArea(area: FocusArea): void;
  openPicker(kind: PickerKind, ticketIds: string[]): void;
  closePicker(): void;
  openComposer(visibility: Composer['visibility'], ticketId: string): void;
  closeComposer(): void;
  setOverlay(overlay: 'palette' | 'help' | 'sync' | 'create' | 'saveView', open: boolean): void;
  openPalette(query?: string): void;
  announce(text: string): void;
  toggleSidebar(): void;
}

export interface Composer {
  visibility: 'public' | 'internal';
  ticketId: string;
}

/**
 * The ticket the user is looking at, which every single-ticket action acts on: the one the detail pane shows while
 * it is open (the list's active row is only shown there while the list drives the pane), else the list's active row.
 */
export const currentTicketId = (s: Pick<UiState, 'detail' | 'openTicketId' | 'activeId'>): string | null =>
  s.detail !== 'closed' ? s.openTicketId : s.activeId;

/** One localStorage entry per account, so two people sharing a workstation never see each other's last view. */
export const accountKey = (serverUrl: string, userId: string): string =>
  JSON.stringify([serverUrl.replace(/\/+$/, ''), userId]);
export const lastViewKey = (account: string): string => `workstation.view:${account}`;
export const recentTicketsKey = (account: string): string => `workstation.recentTickets:${account}`;
const RECENT_MAX = 12;

function loadRecent(account: string): string[] {
  try {
    const stored: unknown = JSON.parse(globalThis.localStorage?.getItem(recentTicketsKey(account)) ?? '[]');
    return Array.isArray(stored)
      ? stored.filter((id): id is string => typeof id === 'string').slice(0, RECENT_MAX)
      : [];
  } catch {
    return [];
  }
}

/** What is kept of the view shown last: for a saved view, also the filters and sort it had. */
const LastViewSchema = z.object({
  view: z.union([BaseViewSchema, z.object({ kind: z.literal('saved'), id: IdSchema })]),
  shown: z.object({ filters: ViewFiltersSchema, sort: SortKeySchema }).optional(),
});
type LastView = z.infer<typeof LastViewSchema>;

const FIRST_VIEW = { view: { kind: 'mine' }, filters: DEFAULT_FILTERS, sort: 'sla' } as const;

/**
 * The view a person starts on when none was chosen on this workstation: their own open tickets, or for supervisors
 * and admins, who work the whole desk rather than a list of their own, all open tickets.
 */
export function firstViewFor(role: Role): BaseView {
  return canSupervise(role) ? { kind: 'all' } : { kind: 'mine' };
}

/** The view an account's session opens on: the last one, if it can still be shown; else null. */
function lastView(account: string): Pick<UiState, 'view' | 'filters' | 'sort'> | null {
  let stored: unknown;
  try {
    stored = JSON.parse(globalThis.localStorage?.getItem(lastViewKey(account)) ?? 'null');
  } catch {
    return null;
  }
  const parsed = LastViewSchema.safeParse(stored);
  if (!parsed.success) return null;
  const { view, shown } = parsed.data;
  if (view.kind !== 'saved') return { ...FIRST_VIEW, view };
  return shown ? { view, filters: shown.filters, sort: shown.sort } : null;
}

/** A device preference (how wide the window is), not a person's: one entry for everyone on this workstation. */
const SIDEBAR_HIDDEN_KEY = 'itsm:sidebar-hidden';

function persistView(account: string | null, last: LastView) {
  if (account) globalThis.localStorage?.setItem(lastViewKey(account), JSON.stringify(last));
}

const resetList = () => ({
  activeIndex: 0,
  activeId: null,
  selected: [] as string[],
  anchorIndex: null,
  rangeBase: [] as string[],
});

/** Nothing open, nothing selected: how a session's screen starts. */
const closedScreen = {
  screen: 'queue' as Screen,
  ...resetList(),
  detail: 'closed' as DetailMode,
  openTicketId: null as string | null,
  readOnlyTicketId: null as string | null,
  bringingBackId: null as string | null,
  focusArea: 'list' as FocusArea,
  picker: null as UiState['picker'],
  composer: null as UiState['composer'],
  paletteOpen: false,
  paletteQuery: '',
  helpOpen: false,
  syncOpen: false,
  createOpen: false,
  saveViewOpen: false,
};

export const useUi = create<UiState>()((set, get) => ({
  ...closedScreen,
  ...FIRST_VIEW,
  announcement: null,
  account: null,
  replicaReady: false,
  openRequest: null,
  recentTicketIds: [],
  sidebarHidden: globalThis.localStorage?.getItem(SIDEBAR_HIDDEN_KEY) === 'true',

  startSession(account, role) {
    const view = lastView(account) ?? { ...FIRST_VIEW, view: firstViewFor(role) };
    set({ ...closedScreen, account, ...view, recentTicketIds: loadRecent(account) });
  },
  endSession() {
    const { account } = get();
    if (account) {
      globalThis.localStorage?.removeItem(lastViewKey(account));
      globalThis.localStorage?.removeItem(recentTicketsKey(account));
    }
    set({ ...closedScreen, account: null, ...FIRST_VIEW, recentTicketIds: [] });
  },
  showView(view) {
    persistView(get().account, { view });
    // The same defaults object every time: what subscribes to the filters (the filter bar) need not render again.
    set({ screen: 'queue', view, filters: DEFAULT_FILTERS, ...resetList() });
  },
  showSaved({ id, definition }) {
    const view = { kind: 'saved', id } as const;
    const { filters, sort } = definition;
    persistView(get().account, { view, shown: { filters, sort } });
    set({ screen: 'queue', view, filters, sort, ...resetList() });
  },
  showScreen: (screen) => set({ screen }),
  setSort: (sort) => set({ sort, ...resetList() }),
  setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch }, activeIndex: 0, activeId: null })),
  setActive: (activeIndex, activeId) => set({ activeIndex, activeId }),
  toggleSelected: (id, index) =>
    set((s) => {
      const selected = s.selected.includes(id) ? s.selected.filter((x) => x !== id) : [...s.selected, id];
      return { selected, anchorIndex: index, rangeBase: selected };
    }),
  selectRange: (ids, index) =>
    set((s) => {
      const selected = [...new Set([...s.selected, ...ids])];
      return { selected, anchorIndex: index, rangeBase: selected };
    }),
  extendSelection: (anchor, ids) =>
    set((s) => {
      const base = s.anchorIndex === anchor ? s.rangeBase : s.selected;
      return { anchorIndex: anchor, rangeBase: base, selected: [...new Set([...base, ...ids])] };
    }),
  clearSelection: () => set({ selected: [], anchorIndex: null, rangeBase: [] }),
  openTicket: (id, mode, options = {}) =>
    set((s) => {
      const recentTicketIds = [id, ...s.recentTicketIds.filter((x) => x !== id)].slice(0, RECENT_MAX);
      if (s.account) globalThis.localStorage?.setItem(recentTicketsKey(s.account), JSON.stringify(recentTicketIds));
      // The same ticket again (split ↔ full view) stays as read-only as it was.
      const readOnly = options.readOnly ?? (id === s.openTicketId && s.readOnlyTicketId === id);
      return {
        openTicketId: id,
        readOnlyTicketId: readOnly ? id : null,
        detail: mode ?? (s.detail === 'closed' ? 'split' : s.detail),
        recentTicketIds,
      };
    }),
  markReadOnly: (id, readOnly) =>
    set((s) => {
      const patch: Partial<UiState> = {};
      if (s.openTicketId === id && (s.readOnlyTicketId === id) !== readOnly)
        patch.readOnlyTicketId = readOnly ? id : null;
      // Read from the replica: a ticket being brought here has arrived.
      if (!readOnly && s.bringingBackId === id) patch.bringingBackId = null;
      return Object.keys(patch).length > 0 ? patch : s;
    }),
  setBringingBack: (id) => set({ bringingBackId: id }),
  closeDetail: () => set({ detail: 'closed', openTicketId: null, readOnlyTicketId: null, composer: null }),
  toggleSidebar: () =>
    set((s) => {
      globalThis.localStorage?.setItem(SIDEBAR_HIDDEN_KEY, String(!s.sidebarHidden));
      return { sidebarHidden: !s.sidebarHidden };
    }),
  setFocusArea: (focusArea) => set({ focusArea }),
  openPicker: (kind, ticketIds) => set({ picker: { kind, ticketIds } }),
  closePicker: () => set({ picker: null }),
  openComposer: (visibility, ticketId) => set({ composer: { visibility, ticketId } }),
  closeComposer: () => set({ composer: null }),
  setOverlay(overlay, open) {
    if (overlay === 'palette') set({ paletteOpen: open, paletteQuery: '' });
    if (overlay === 'help') set({ helpOpen: open });
    if (overlay === 'sync') set({ syncOpen: open });
    if (overlay === 'create') set({ createOpen: open });
    if (overlay === 'saveView') set({ saveViewOpen: open });
  },
  openPalette: (query = '') => set({ paletteOpen: true, paletteQuery: query }),
  announce: (text) => set({ announcement: { text, at: Date.now() } }),
}));
