import { useUi } from '../ui-state';

/** The tickets an action applies to: the multi-selection if any, else the open ticket (detail focused) or the active row. */
export function actionTargets(): string[] {
  const s = useUi.getState();
  if (s.selected.length > 0) return [...s.selected];
  if ((s.focusArea === 'detail' || s.detail === 'full') && s.openTicketId) return [s.openTicketId];
  if (s.activeId) return [s.activeId];
  return s.openTicketId ? [s.openTicketId] : [];
}
