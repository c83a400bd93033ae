import { create } from 'zustand';
import { ACTIVE_STATUSES, type Status } from '../../shared/domain/lifecycle';
import type { Priority } from '../../shared/domain/priority';
import type { Role } from '../../shared/domain/user';
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
export type FocusArea = 'sidebar' | 'list' | 'detail' | 'workload' | 'other';
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
  /** The view was chosen on this workstation (and is stored); otherwise the signed-in user's role decides. */
  viewChosen: boolean;
  sort: SortKey;
  filters: Filters;
  activeIndex: number;
  activeId: string | null;
  selected: string[];
  anchorIndex: number | null;
  detail: DetailMode;
  openTicketId: string | null;
  focusArea: FocusArea;
  picker: { kind: PickerKind; ticketIds: string[] } | null;
  composer: 'public' | 'internal' | null;
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

  showView(view: ViewRef): void;
  /** On sign-in: the view chosen last, or the role's first view (`firstViewFor`) when none was. */
  startAs(role: Role): void;
  /** On sign-out: forgets the view, so the next person starts on their role's first view. */
  forgetView(): void;
  showScreen(screen: Screen): void;
  setSort(sort: SortKey): void;
  setFilters(patch: Partial<Filters>): void;
  setActive(index: number, id: string | null): void;
  toggleSelected(id: string, index: number): void;
  selectRange(ids: string[], index: number): void;
  clearSelection(): void;
  openTicket(id: string, mode?: DetailMode): void;
  closeDetail(): void;
  setFocusArea(area: FocusArea): void;
  openPicker(kind: PickerKind, ticketIds: string[]): void;
  closePicker(): void;
  openComposer(visibility: 'public' | 'internal'): void;
  closeComposer(): void;
  setOverlay(overlay: 'palette' | 'help' | 'sync' | 'create', open: boolean): void;
  openPalette(query?: string): void;
  announce(text: string): void;
  saveFilter(name: string): void;
  deleteFilter(id: string): void;
}

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

const PLAIN_VIEWS = new Set<string>(['mine', 'unassigned', 'breaching', 'breached', 'all']);

/**
 * The view a person starts on when none was chosen on this workstation: their own open tickets, or for supervisors
 * and admins, who work the whole desk rather than a list of their own, all open tickets.
 */
export function firstViewFor(role: Role): ViewRef {
  return role === 'supervisor' || role === 'admin' ? { kind: 'all' } : { kind: 'mine' };
}

/** The view shown when the app starts: the last one, if it can still be shown; else My open tickets until sign-in. */
function startView(saved: SavedFilter[]): Pick<UiState, 'view' | 'filters' | 'sort' | 'viewChosen'> {
  const fallback = { view: { kind: 'mine' }, filters: DEFAULT_FILTERS, sort: 'sla', viewChosen: false } as const;
  const chosen = { ...fallback, viewChosen: true };
  let stored: unknown;
  try {
    stored = JSON.parse(globalThis.localStorage?.getItem(VIEW_KEY) ?? 'null');
  } catch {
    return fallback;
  }
  const view = stored as Partial<Record<string, unknown>> | null;
  if (!view || typeof view !== 'object') return fallback;
  if (typeof view.kind === 'string' && PLAIN_VIEWS.has(view.kind))
    return { ...chosen, view: { kind: view.kind } as ViewRef };
  if (view.kind === 'queue' && typeof view.queueId === 'string')
    return { ...chosen, view: { kind: 'queue', queueId: view.queueId } };
  const filter = view.kind === 'saved' ? saved.find((f) => f.id === view.id) : undefined;
  return filter
    ? { view: { kind: 'saved', id: filter.id }, filters: filter.filters, sort: filter.sort, viewChosen: true }
    : fallback;
}

function persistView(view: ViewRef) {
  globalThis.localStorage?.setItem(VIEW_KEY, JSON.stringify(view));
}

const resetList = { activeIndex: 0, activeId: null, selected: [], anchorIndex: null } as const;

const savedAtStart = loadSaved();

export const useUi = create<UiState>()((set, get) => ({
  screen: 'queue',
  ...startView(savedAtStart),
  ...resetList,
  selected: [],
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

  showView(view) {
    persistView(view);
    if (view.kind === 'saved') {
      const saved = get().savedFilters.find((f) => f.id === view.id);
      if (saved) {
        set({
          screen: 'queue',
          view,
          viewChosen: true,
          filters: saved.filters,
          sort: saved.sort,
          ...resetList,
          selected: [],
        });
        return;
      }
    }
    // The same defaults object every time: what subscribes to the filters (the filter bar) need not render again.
    set({ screen: 'queue', view, viewChosen: true, filters: DEFAULT_FILTERS, ...resetList, selected: [] });
  },
  startAs(role) {
    if (get().viewChosen) return;
    set({ screen: 'queue', view: firstViewFor(role), filters: DEFAULT_FILTERS, ...resetList, selected: [] });
  },
  forgetView() {
    globalThis.localStorage?.removeItem(VIEW_KEY);
    set({
      screen: 'queue',
      view: { kind: 'mine' },
      viewChosen: false,
      filters: DEFAULT_FILTERS,
      ...resetList,
      selected: [],
    });
  },
  showScreen: (screen) => set({ screen }),
  setSort: (sort) => set({ sort, ...resetList, selected: [] }),
  setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch }, activeIndex: 0, activeId: null })),
  setActive: (activeIndex, activeId) => set({ activeIndex, activeId }),
  toggleSelected: (id, index) =>
    set((s) => ({
      selected: s.selected.includes(id) ? s.selected.filter((x) => x !== id) : [...s.selected, id],
      anchorIndex: index,
    })),
  selectRange: (ids, index) => set((s) => ({ selected: [...new Set([...s.selected, ...ids])], anchorIndex: index })),
  clearSelection: () => set({ selected: [], anchorIndex: null }),
  openTicket: (id, mode) =>
    set((s) => ({ openTicketId: id, detail: mode ?? (s.detail === 'closed' ? 'split' : s.detail) })),
  closeDetail: () => set({ detail: 'closed', openTicketId: null, composer: null }),
  setFocusArea: (focusArea) => set({ focusArea }),
  openPicker: (kind, ticketIds) => set({ picker: { kind, ticketIds } }),
  closePicker: () => set({ picker: null }),
  openComposer: (composer) => set({ composer }),
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
    set({ savedFilters: next, view: { kind: 'saved', id: entry.id }, viewChosen: true });
  },
  deleteFilter(id) {
    const next = get().savedFilters.filter((f) => f.id !== id);
    persistSaved(next);
    set({ savedFilters: next });
  },
}));
