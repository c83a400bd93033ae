import { useSyncAlerts } from '../sync/use-sync-alerts';
import { ToastStack } from '../toasts/ToastStack';
import { useUndoOffer } from '../undo/use-undo';

/** The workspace's toasts: new conflicts and refusals, and the offer to undo the last action. */
export function WorkspaceToasts() {
  useSyncAlerts();
  useUndoOffer();
  return <ToastStack />;
}
