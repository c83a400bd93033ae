import { create } from 'zustand';
import { ACTIVE_STATUSES, type Status } from '../../shared/domain/lifecycle';
import type { Priority } from '../../shared/domain/priority';
import type { OpenTicketRef } from '../../shared/ipc/contract';

/**
 * UI state only: what is selected, focused and open, and the filters. Documents never live here; they are read
 * from RxDB through queries. Saved filters and the view last shown persist in localStorage: the workstation reopens
 * where the agent left it.
 */
export type ViewRef =
  | { kind: 'mine' }
  | { kind: 'unassigned' }
  | { kind: 'breaching' }
  | { kind: 'breached' }
  | { kind: 'all' }
  | { kind: 'queue'; queueId: string }
  | { kind: 'saved'; id: string };

export type Screen = 'queue' | 'workload';
export type SortKey = 'sla' | 'priority' | 'updated';
/** The keyboard areas (keyboard/areas.ts); `focusArea` is the one that had focus last. */
export type FocusArea = 'list' | 'detail' | 'workload';
export type DetailMode = 'closed' | 'split' | 'full';
export type PickerKind = 'assign' | 'status' | 'priority' | 'queue' | 'tags';

export interface Filters {
  text: string;
  statuses: Status[];
  priorities: Priority[];
  assigneeId: string | null;
  tag: string | null;
}

export interface SavedFilter {
  id: string;
  name: string;
  view: ViewRef;
  filters: Filters;
  sort: SortKey;
}

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
  savedFilters: SavedFilter[];
  /** The replica has caught up with the server at least once since the store opened. */
  replicaReady: boolean;
  /** A ticket the desktop shell asked to open (deep link, notification click), held until the workspace can. */
  openRequest: OpenTicketRef | null;
  /** Tickets the signed-in user opened, most recent first (kept per user, for the palette). */
  recentTicketIds: string[];
  recentOwner: string | null;

  showView(view: ViewRef): void;
  showScreen(screen: Screen): void;
  setSort(sort: SortKey): void;
  setFilters(patch: Partial<Filters>): void;
  setActive(index: number, id: string | null): void;
  toggleSelected(id: string, index: number): void;
  selectRange(ids: string[], index: number): void;
  /** Shift+↑/↓, Shift+click: the selection from before the anchor plus `ids` (the rows from the anchor on). */
  extendSelection(anchor: number, ids: string[]): void;
  clearSelection(): void;
  openTicket(id: string, mode?: DetailMode): void;
  closeDetail(): void;
  setFocusArea(area: FocusArea): void;
  openPicker(kind: PickerKind, ticketIds: string[]): void;
  closePicker(): void;
  openComposer(visibility: Composer['visibility'], ticketId: string): void;
  closeComposer(): void;
  setOverlay(overlay: 'palette' | 'help' | 'sync' | 'create', open: boolean): void;
  openPalette(query?: string): void;
  announce(text: string): void;
  saveFilter(name: string): void;
  deleteFilter(id: string): void;
  /** Reads the signed-in user's recent tickets; later openings are kept for them. */
  startSession(userId: string): void;
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

const SAVED_KEY = 'workstation.savedFilters';

function loadSaved(): SavedFilter[] {
  try {
    const raw = globalThis.localStorage?.getItem(SAVED_KEY);
    return raw ? (JSON.parse(raw) as SavedFilter[]) : [];
  } catch {
    return [];
  }
}

function persistSaved(list: SavedFilter[]) {
  globalThis.localStorage?.setItem(SAVED_KEY, JSON.stringify(list));
}

const VIEW_KEY = 'workstation.view';
const RECENT_KEY = (userId: string) => `workstation.recentTickets.${userId}`;
const RECENT_MAX = 12;

function loadRecent(userId: string): string[] {
  try {
    const stored: unknown = JSON.parse(globalThis.localStorage?.getItem(RECENT_KEY(userId)) ?? '[]');
    return Array.isArray(stored)
      ? stored.filter((id): id is string => typeof id === 'string').slice(0, RECENT_MAX)
      : [];
  } catch {
    return [];
  }
}

const PLAIN_VIEWS = new Set<string>(['mine', 'unassigned', 'breaching', 'breached', 'all']);

/** The view shown when the app starts: the last one, if it can still be shown; else My open tickets. */
function startView(saved: SavedFilter[]): Pick<UiState, 'view' | 'filters' | 'sort'> {
  const fallback = { view: { kind: 'mine' }, filters: DEFAULT_FILTERS, sort: 'sla' } as const;
  let stored: unknown;
  try {
    stored = JSON.parse(globalThis.localStorage?.getItem(VIEW_KEY) ?? 'null');
  } catch {
    return fallback;
  }
  const view = stored as Partial<Record<string, unknown>> | null;
  if (!view || typeof view !== 'object') return fallback;
  if (typeof view.kind === 'string' && PLAIN_VIEWS.has(view.kind))
    return { ...fallback, view: { kind: view.kind } as ViewRef };
  if (view.kind === 'queue' && typeof view.queueId === 'string')
    return { ...fallback, view: { kind: 'queue', queueId: view.queueId } };
  const filter = view.kind === 'saved' ? saved.find((f) => f.id === view.id) : undefined;
  return filter ? { view: { kind: 'saved', id: filter.id }, filters: filter.filters, sort: filter.sort } : fallback;
}

function persistView(view: ViewRef) {
  globalThis.localStorage?.setItem(VIEW_KEY, JSON.stringify(view));
}

const resetList = () => ({
  activeIndex: 0,
  activeId: null,
  selected: [] as string[],
  anchorIndex: null,
  rangeBase: [] as string[],
});

const savedAtStart = loadSaved();

export const useUi = create<UiState>()((set, get) => ({
  screen: 'queue',
  ...startView(savedAtStart),
  ...resetList(),
  detail: 'closed',
  openTicketId: null,
  focusArea: 'list',
  picker: null,
  composer: null,
  paletteOpen: false,
  paletteQuery: '',
  announcement: null,
  helpOpen: false,
  syncOpen: false,
  createOpen: false,
  savedFilters: savedAtStart,
  replicaReady: false,
  openRequest: null,
  recentTicketIds: [],
  recentOwner: null,

  showView(view) {
    persistView(view);
    if (view.kind === 'saved') {
      const saved = get().savedFilters.find((f) => f.id === view.id);
      if (saved) {
        set({ screen: 'queue', view, filters: saved.filters, sort: saved.sort, ...resetList() });
        return;
      }
    }
    // The same defaults object every time: what subscribes to the filters (the filter bar) need not render again.
    set({ screen: 'queue', view, filters: DEFAULT_FILTERS, ...resetList() });
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
  openTicket: (id, mode) =>
    set((s) => {
      const recentTicketIds = [id, ...s.recentTicketIds.filter((x) => x !== id)].slice(0, RECENT_MAX);
      if (s.recentOwner) globalThis.localStorage?.setItem(RECENT_KEY(s.recentOwner), JSON.stringify(recentTicketIds));
      return { openTicketId: id, detail: mode ?? (s.detail === 'closed' ? 'split' : s.detail), recentTicketIds };
    }),
  closeDetail: () => set({ detail: 'closed', openTicketId: null, composer: null }),
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
  },
  openPalette: (query = '') => set({ paletteOpen: true, paletteQuery: query }),
  announce: (text) => set({ announcement: { text, at: Date.now() } }),
  saveFilter(name) {
    const { view, filters, sort, savedFilters } = get();
    const base = view.kind === 'saved' ? (savedFilters.find((f) => f.id === view.id)?.view ?? { kind: 'all' }) : view;
    const entry: SavedFilter = { id: globalThis.crypto.randomUUID(), name, view: base, filters, sort };
    const next = [...savedFilters, entry];
    persistSaved(next);
    persistView({ kind: 'saved', id: entry.id });
    set({ savedFilters: next, view: { kind: 'saved', id: entry.id } });
  },
  deleteFilter(id) {
    const next = get().savedFilters.filter((f) => f.id !== id);
    persistSaved(next);
    set({ savedFilters: next });
  },
  startSession: (userId) => set({ recentOwner: userId, recentTicketIds: loadRecent(userId) }),
}));
