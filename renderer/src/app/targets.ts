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
