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
export type FocusArea = 'sidebar' | 'list' | 'detail' | 'workload' | 'other';
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
  /** The dialog naming the view shown, to keep it as a saved view (Shift+S). */
  saveViewOpen: boolean;
  /** Whose workstation this is now (`accountKey`), or null while nobody is signed in. */
  account: string | null;
  /** The replica has caught up with the server at least once since the store opened. */
  replicaReady: boolean;
  /** A ticket the desktop shell asked to open (deep link, notification click), held until the workspace can. */
  openRequest: OpenTicketRef | null;

  /** A user's session begins: their own view last shown, nothing of the previous user's screen. */
  startSession(account: string): void;
  /** Signing out: the view last shown is forgotten with the rest of the user's data on this device. */
  endSession(): void;
  showView(view: BaseView): void;
  showSaved(view: Pick<SavedView, 'id' | 'definition'>): void;
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
  setOverlay(overlay: 'palette' | 'help' | 'sync' | 'create' | 'saveView', open: boolean): void;
  openPalette(query?: string): void;
  announce(text: string): void;
}

/** One localStorage entry per account, so two people sharing a workstation never see each other's last view. */
export const accountKey = (serverUrl: string, userId: string): string =>
  JSON.stringify([serverUrl.replace(/\/+$/, ''), userId]);
export const lastViewKey = (account: string): string => `workstation.view:${account}`;

/** What is kept of the view shown last: for a saved view, also the filters and sort it had. */
const LastViewSchema = z.object({
  view: z.union([BaseViewSchema, z.object({ kind: z.literal('saved'), id: IdSchema })]),
  shown: z.object({ filters: ViewFiltersSchema, sort: SortKeySchema }).optional(),
});
type LastView = z.infer<typeof LastViewSchema>;

const FIRST_VIEW = { view: { kind: 'mine' }, filters: DEFAULT_FILTERS, sort: 'sla' } as const;

/** The view an account's session opens on: the last one, if it can still be shown; else My open tickets. */
function lastView(account: string): Pick<UiState, 'view' | 'filters' | 'sort'> {
  let stored: unknown;
  try {
    stored = JSON.parse(globalThis.localStorage?.getItem(lastViewKey(account)) ?? 'null');
  } catch {
    return FIRST_VIEW;
  }
  const parsed = LastViewSchema.safeParse(stored);
  if (!parsed.success) return FIRST_VIEW;
  const { view, shown } = parsed.data;
  if (view.kind !== 'saved') return { ...FIRST_VIEW, view };
  return shown ? { view, filters: shown.filters, sort: shown.sort } : FIRST_VIEW;
}

function persistView(account: string | null, last: LastView) {
  if (account) globalThis.localStorage?.setItem(lastViewKey(account), JSON.stringify(last));
}

const resetList = { activeIndex: 0, activeId: null, selected: [], anchorIndex: null } as const;

/** Nothing open, nothing selected: how a session's screen starts. */
const closedScreen = {
  screen: 'queue' as Screen,
  ...resetList,
  selected: [] as string[],
  detail: 'closed' as DetailMode,
  openTicketId: null as string | null,
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

  startSession(account) {
    set({ ...closedScreen, account, ...lastView(account) });
  },
  endSession() {
    const { account } = get();
    if (account) globalThis.localStorage?.removeItem(lastViewKey(account));
    set({ ...closedScreen, account: null, ...FIRST_VIEW });
  },
  showView(view) {
    persistView(get().account, { view });
    // The same defaults object every time: what subscribes to the filters (the filter bar) need not render again.
    set({ screen: 'queue', view, filters: DEFAULT_FILTERS, ...resetList, selected: [] });
  },
  showSaved({ id, definition }) {
    const view = { kind: 'saved', id } as const;
    const { filters, sort } = definition;
    persistView(get().account, { view, shown: { filters, sort } });
    set({ screen: 'queue', view, filters, sort, ...resetList, selected: [] });
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
    if (overlay === 'saveView') set({ saveViewOpen: open });
  },
  openPalette: (query = '') => set({ paletteOpen: true, paletteQuery: query }),
  announce: (text) => set({ announcement: { text, at: Date.now() } }),
}));
