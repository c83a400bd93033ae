import { Alert, Button, Modal } from '@mantine/core';
import { useState } from 'react';
import { useWorkspace } from '../rx/StoreContext';
import type { Session } from '../rx/store-api';
import { SignIn } from '../session/SignIn';
import { useSyncState } from '../sync/use-sync-state';

/** When the server refuses the token, work goes on locally; this asks to sign in again without losing anything. */
export function SessionBanner({ onReauthenticate }: { onReauthenticate(session: Session): void }) {
  const sync = useSyncState();
  const { session } = useWorkspace();
  const [open, setOpen] = useState(false);
  if (sync.status !== 'unauthorized') return null;
  return (
    <>
      <Alert color="yellow" variant="light" py={6} radius={0} role="alert" title="Your session has expired">
        Your changes are kept on this device and will be sent after you sign in again.{' '}
        <Button size="compact-xs" ml="xs" onClick={() => setOpen(true)}>
          Sign in again
        </Button>
      </Alert>
      <Modal opened={open} onClose={() => setOpen(false)} withCloseButton={false} size="auto">
        <SignIn server={session.serverUrl} onSignedIn={(s) => onReauthenticate(s)} />
      </Modal>
    </>
  );
}
