import { AppShell } from '@mantine/core';
import { useEffect } from 'react';
import { mayUse } from '../../../shared/domain/access';
import { areaOf, focusIsLost } from '../keyboard/areas';
import { moveFocus } from '../keyboard/focus';
import { HelpOverlay } from '../keyboard/HelpOverlay';
import { EscalationToasts } from '../notifications/EscalationToasts';
import { SlaSchedule } from '../notifications/SlaSchedule';
import { Palette } from '../palette/Palette';
import { QueueScreen } from '../queue/QueueScreen';
import { SaveViewDialog } from '../queue/SaveView';
import { Sidebar } from '../queue/Sidebar';
import { useWorkspace } from '../rx/StoreContext';
import type { Session } from '../rx/store-api';
import { Workload } from '../supervisor/Workload';
import { SyncPanel } from '../sync/SyncPanel';
import { CreateTicket } from '../ticket/CreateTicket';
import { Pickers } from '../ticket/Pickers';
import { useUi } from '../ui-state';
import { GlobalActions } from './GlobalActions';
import { OpenTicketRoute } from './OpenTicketRoute';
import { SessionBanner } from './SessionBanner';
import { TopBar } from './TopBar';
import { WorkspaceToasts } from './WorkspaceToasts';

const screenArea = (screen: 'queue' | 'workload') => (screen === 'workload' ? 'workload' : 'list');

/** The signed-in shell: top bar (sync status always visible), views sidebar, the queue or workload, and overlays. */
export function Workspace({
  onSignOut,
  onReauthenticate,
}: {
  onSignOut(): void;
  onReauthenticate(session: Session): void;
}) {
  const { store, me } = useWorkspace();
  const sidebarHidden = useUi((s) => s.sidebarHidden);
  const screen = useUi((s) => (s.screen === 'workload' && mayUse(me.role, 'workload') ? 'workload' : 'queue'));
  // Focus is on the screen shown: on the list after sign-in and when the queue comes back, on the workload when it
  // opens (unless the user put it elsewhere, such as a view in the sidebar).
  useEffect(() => {
    const active = document.activeElement;
    if (focusIsLost(active) || (areaOf(active) !== null && areaOf(active) !== screenArea(screen)))
      moveFocus(screenArea(screen), 'list');
  }, [screen]);
  // The first catch-up with the server (a fresh replica downloads every ticket in scope) is shown as such.
  useEffect(() => {
    useUi.setState({ replicaReady: false });
    let live = true;
    void store.sync.awaitInSync().then(() => live && useUi.setState({ replicaReady: true }));
    return () => {
      live = false;
    };
  }, [store]);
  return (
    <AppShell
      header={{ height: 44 }}
      navbar={{ width: 220, breakpoint: 0, collapsed: { desktop: sidebarHidden, mobile: sidebarHidden } }}
      padding={0}
    >
      <AppShell.Header>
        <TopBar onSignOut={onSignOut} />
      </AppShell.Header>
      {/* Not rendered while hidden, so Tab never reaches links that are off screen. */}
      <AppShell.Navbar>{!sidebarHidden && <Sidebar />}</AppShell.Navbar>
      <AppShell.Main style={{ height: '100dvh', display: 'flex', flexDirection: 'column' }}>
        <SessionBanner onReauthenticate={onReauthenticate} />
        <div style={{ flex: 1, display: 'flex', minHeight: 0 }}>
          {screen === 'workload' ? <Workload /> : <QueueScreen />}
        </div>
      </AppShell.Main>
      <GlobalActions />
      <OpenTicketRoute />
      <SlaSchedule />
      <Palette />
      <HelpOverlay />
      <Pickers />
      <CreateTicket />
      <SaveViewDialog />
      <SyncPanel />
      <EscalationToasts />
      <WorkspaceToasts />
    </AppShell>
  );
}
