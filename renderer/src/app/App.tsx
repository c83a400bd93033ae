import { Center, Loader, MantineProvider } from '@mantine/core';
import { useEffect, useState } from 'react';
import { KeyboardProvider } from '../keyboard/KeyboardContext';
import { adoptLegacySavedViews, takeLegacyLastView } from '../queue/legacy-saved-views';
import { openStore } from '../rx/open-store';
import { WorkspaceProvider } from '../rx/StoreContext';
import type { Session, WorkstationStore } from '../rx/store-api';
import { SignIn } from '../session/SignIn';
import {
  checkSession,
  deviceId,
  forgetSession,
  forgetToken,
  KEPT_SESSION_ENDED,
  resumeSession,
} from '../session/session';
import { accountKey, useUi } from '../ui-state';
import { useOpenTicketRequests } from './OpenTicketRoute';
import { cssVariablesResolver, theme } from './theme';
import { UpdateNotice } from './UpdateNotice';
import { Workspace } from './Workspace';

type Phase =
  | { kind: 'starting' }
  | { kind: 'signedOut'; notice?: string }
  | { kind: 'open'; session: Session; store: WorkstationStore };

/**
 * Resumes the saved session (works offline from the replica) or shows sign-in; opens the store for the session. A
 * token kept on the device (web: "keep me signed in") is checked with the server first when it can be reached: a
 * refused one is forgotten and sign-in says why; an unreachable server opens the workspace offline.
 */
export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });
  useOpenTicketRequests();

  const open = async (session: Session) => {
    setPhase({ kind: 'starting' });
    // This user's own last view, never the one someone else left on screen.
    const legacy = takeLegacyLastView();
    const ui = useUi.getState();
    ui.startSession(accountKey(session.serverUrl, session.user.id), session.user.role);
    if (legacy && 'view' in legacy) ui.showView(legacy.view);
    if (legacy && 'saved' in legacy) ui.showSaved(legacy.saved);
    const store = await openStore(session, deviceId());
    await adoptLegacySavedViews(store);
    setPhase({ kind: 'open', session, store });
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once on start
  useEffect(() => {
    void (async () => {
      const resumed = await resumeSession();
      if (!resumed) return setPhase({ kind: 'signedOut' });
      if (resumed.fromDevice && (await checkSession(resumed.session)) === 'refused') {
        await forgetToken(resumed.session.serverUrl);
        return setPhase({ kind: 'signedOut', notice: KEPT_SESSION_ENDED });
      }
      await open(resumed.session);
    })();
  }, []);

  const signOut = async () => {
    if (phase.kind !== 'open') return;
    // The workspace goes first: its live queries must not run against a store that is closing (RxDB throws COL21
    // from a query started on a closed collection, which tore down the whole page).
    setPhase({ kind: 'starting' });
    // Ends the session on the server and erases the replica, or keeps it closed while changes are unsent.
    await phase.store.signOut();
    await forgetSession(phase.session.serverUrl);
    // The next person to sign in here starts on their role's first view, not on the view this user left open.
    useUi.getState().endSession();
    setPhase({ kind: 'signedOut' });
  };

  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" cssVariablesResolver={cssVariablesResolver}>
      <UpdateNotice />
      {phase.kind === 'starting' && (
        <Center mih="100vh">
          <Loader size="sm" aria-label="Opening your workspace" />
        </Center>
      )}
      {phase.kind === 'signedOut' && <SignIn onSignedIn={(s) => void open(s)} notice={phase.notice} />}
      {phase.kind === 'open' && (
        <WorkspaceProvider store={phase.store} session={phase.session}>
          <KeyboardProvider>
            <Workspace
              onSignOut={() => void signOut()}
              onReauthenticate={(s) => {
                // Same user: hand the new token to the running store, which resumes syncing with nothing lost.
                if (s.user.id === phase.session.user.id) {
                  void phase.store.sync.setToken(s.token);
                  setPhase({ ...phase, session: s });
                } else {
                  setPhase({ kind: 'starting' });
                  void phase.store.close().then(() => open(s));
                }
              }}
            />
          </KeyboardProvider>
        </WorkspaceProvider>
      )}
    </MantineProvider>
  );
}
