import { createContext, type ReactNode, useContext, useMemo } from 'react';
import type { SavedView } from '../../../shared/domain/preset';
import type { Queue } from '../../../shared/domain/queue';
import type { User } from '../../../shared/domain/user';
import type { SlaRules } from '../../../shared/sla';
import { useObservable, useRxQuery } from './hooks';
import { everything, queuesByName, type Session, type WorkstationStore } from './store-api';

/**
 * The open store and the signed-in user, plus the small collections every view reads: queues and users (labels), SLA
 * policies and calendars (every SLA clock on screen is evaluated with them), and the user's saved views (the sidebar,
 * the palette, `g 1`…`g 9` and the queue's title all list these).
 */
export interface Workspace {
  store: WorkstationStore;
  session: Session;
  me: User;
  queues: Queue[];
  users: User[];
  /** The signed-in user's saved views in sidebar order (`store.savedViews.list$`). */
  savedViews: readonly SavedView[];
  slaRules: SlaRules;
  userName(id: string): string;
  queueName(id: string): string;
}

const Context = createContext<Workspace | null>(null);
const NO_SAVED_VIEWS: readonly SavedView[] = [];

export function WorkspaceProvider({
  store,
  session,
  children,
}: {
  store: WorkstationStore;
  session: Session;
  children: ReactNode;
}) {
  const queues = useRxQuery(store.db.queues, queuesByName()).docs;
  const users = useRxQuery(store.db.users, everything()).docs;
  const savedViews = useObservable(store.savedViews.list$, NO_SAVED_VIEWS);
  const policies = useRxQuery(store.db.sla_policies, everything()).docs;
  const calendars = useRxQuery(store.db.calendars, everything()).docs;
  const slaRules = useMemo<SlaRules>(
    () => ({
      policies: new Map(policies.map((p) => [p.id, p])),
      calendars: new Map(calendars.map((c) => [c.id, c])),
    }),
    [policies, calendars],
  );
  const value = useMemo<Workspace>(() => {
    const userById = new Map(users.map((u) => [u.id, u]));
    const queueById = new Map(queues.map((q) => [q.id, q]));
    return {
      store,
      session,
      me: userById.get(session.user.id) ?? session.user,
      queues,
      users,
      savedViews,
      slaRules,
      userName: (id) => (id === '' ? 'Unassigned' : (userById.get(id)?.name ?? 'Unknown user')),
      queueName: (id) => queueById.get(id)?.name ?? 'Unknown queue',
    };
  }, [store, session, queues, users, savedViews, slaRules]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useWorkspace(): Workspace {
  const ws = useContext(Context);
  if (!ws) throw new Error('useWorkspace needs a WorkspaceProvider');
  return ws;
}
