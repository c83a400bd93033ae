import { useWorkspace } from '../rx/StoreContext';
import type { Names } from './records';

/** People and queues by name, from the replica's reference data (for the texts of conflicts, refusals and undo). */
export function useNames(): Names {
  const { users, queues } = useWorkspace();
  return {
    user: (id) => users.find((u) => u.id === id)?.name,
    queue: (id) => queues.find((q) => q.id === id)?.name,
  };
}
