import { ticketLabel } from '../../../shared/domain/ticket';
import { SAVED_VIEW_SLOTS, type SavedViewSlot, savedViewAction } from '../../../shared/keymap';
import type { Handlers } from '../keyboard/dispatcher';
import { focusArea, moveFocus } from '../keyboard/focus';
import { useKeyHandlers } from '../keyboard/KeyboardContext';
import { useWorkspace } from '../rx/StoreContext';
import { firstError } from '../rx/settle';
import { bringBackTicket } from '../ticket/bring-back';
import { useUi } from '../ui-state';
import { useRunUndo } from '../undo/use-undo';
import { actionTargets, composerTarget, readOnlyTarget } from './targets';

/** `g 1` … `g 9`: one handler per saved view slot. */
function savedViewKeys(open: (slot: SavedViewSlot) => void): Handlers {
  return Object.fromEntries(SAVED_VIEW_SLOTS.map((slot) => [savedViewAction(slot), () => open(slot)]));
}

/** Handlers for the global bindings: views, overlays, and ticket actions on the current targets. */
export function GlobalActions() {
  const { store, me, savedViews } = useWorkspace();
  // Actions only (stable): reading them does not subscribe, so a key press that changes the state (every j/k) does
  // not render this component again.
  const ui = useUi.getState();
  const undo = useRunUndo();
  const withTargets = (run: (ids: string[]) => void) => () => {
    const ids = actionTargets();
    if (ids.length > 0) run(ids);
  };
  const compose = (visibility: 'public' | 'internal') => () => {
    const id = composerTarget();
    if (!id) return;
    ui.openTicket(id);
    ui.openComposer(visibility, id);
  };
  useKeyHandlers('global', {
    'nav.back': () => {
      const s = useUi.getState();
      if (s.syncOpen) s.setOverlay('sync', false);
      else if (s.selected.length > 0) s.clearSelection();
      else if (s.detail !== 'closed') {
        s.closeDetail();
        moveFocus('list');
      } else if (s.screen !== 'queue') {
        s.showScreen('queue');
        moveFocus('list');
      }
    },
    'ticket.assignToMe': withTargets((ids) => {
      const work = ids.length > 1 ? store.actions.bulkAssign(ids, me.id) : store.actions.assign(ids[0] ?? '', me.id);
      void firstError(work).then((error) =>
        ui.announce(
          error
            ? `Not assigned: ${error}`
            : `Assigned ${ids.length > 1 ? `${ids.length} tickets` : 'the ticket'} to you`,
        ),
      );
    }),
    'ticket.assignTo': withTargets((ids) => ui.openPicker('assign', ids)),
    'ticket.status': withTargets((ids) => ui.openPicker('status', ids)),
    'ticket.priority': withTargets((ids) => ui.openPicker('priority', ids)),
    'ticket.moveQueue': withTargets((ids) => ui.openPicker('queue', ids)),
    'ticket.tags': withTargets((ids) => ui.openPicker('tags', ids.slice(0, 1))),
    'ticket.reply': compose('public'),
    'ticket.note': compose('internal'),
    'ticket.create': () => ui.setOverlay('create', true),
    'ticket.bringBack': () => {
      const id = readOnlyTarget();
      const copy = id ? store.serverTickets.cached(id) : null;
      if (id) void bringBackTicket(store.serverTickets, id, copy ? ticketLabel(copy.ticket) : 'the ticket');
    },
    'search.focus': () => focusArea('search'),
    'view.queues': () => ui.openPalette('Go to queue'),
    'view.mine': () => ui.showView({ kind: 'mine' }),
    'view.all': () => ui.showView({ kind: 'all' }),
    'view.sidebar': () => {
      // Hiding the sidebar while a view in it has focus hands focus to the list rather than losing it.
      const inSidebar = document.activeElement?.closest('nav[aria-label="Views"]') !== null;
      ui.toggleSidebar();
      if (inSidebar) moveFocus('list');
    },
    'view.unassigned': () => ui.showView({ kind: 'unassigned' }),
    'view.breaching': () => ui.showView({ kind: 'breaching' }),
    'view.breached': () => ui.showView({ kind: 'breached' }),
    'view.workload': () => {
      ui.showScreen('workload');
      moveFocus('workload');
    },
    'view.sync': () => ui.setOverlay('sync', !useUi.getState().syncOpen),
    'view.save': () => ui.setOverlay('saveView', true),
    ...savedViewKeys((slot) => {
      const view = savedViews[slot - 1];
      if (view) ui.showSaved(view);
      else
        ui.announce(savedViews.length === 0 ? 'No saved views yet: Shift+S saves this one' : `No saved view ${slot}`);
    }),
    'palette.open': () => ui.setOverlay('palette', true),
    'help.keys': () => ui.setOverlay('help', true),
    'edit.undo': undo,
  });
  return null;
}
