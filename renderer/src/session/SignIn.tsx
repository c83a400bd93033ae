import {
  Alert,
  Button,
  Center,
  Checkbox,
  Group,
  Loader,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { sendsPasswordsInClear } from '../../../shared/net/loopback';
import type { Session } from '../rx/store-api';
import { InsecureServerWarning } from './InsecureServerWarning';
import { ServerStep } from './ServerStep';
import {
  canKeepSignedIn,
  configuredServer,
  offlineSessionFor,
  rememberedSignIn,
  type SignInError,
  signIn,
} from './session';

/**
 * Signing in, in two steps: the server first (stored with the platform; the desktop reloads the page when its origin
 * changes), then email and password sent to that server. Names each failure and offers offline work when the server
 * is unreachable. `server` fixes the server (signing in again after the session expired).
 */
export function SignIn({
  onSignedIn,
  notice,
  server: fixedServer,
}: {
  onSignedIn(session: Session): void;
  notice?: string;
  server?: string;
}) {
  // undefined while the platform answers; null when no server is configured yet (a fresh desktop install).
  const [server, setServer] = useState<string | null | undefined>(fixedServer);
  const [changing, setChanging] = useState(false);
  // Kept here so changing the server does not lose what was typed.
  const [email, setEmail] = useState(() => rememberedSignIn().email);
  useEffect(() => {
    if (fixedServer === undefined) void configuredServer().then(setServer);
  }, [fixedServer]);

  return (
    <Center mih={fixedServer ? undefined : '100vh'} p="md">
      <Paper withBorder={!fixedServer} p="xl" w={380} component={fixedServer ? 'div' : 'main'}>
        <Stack gap="sm">
          <div>
            <Title order={1} size="h3" id="signin-title">
              Sign in
            </Title>
            <Text size="sm" c="dimmed">
              ITSM Workstation
            </Text>
          </div>
          {notice && (
            <Alert color="yellow" variant="light" role="status">
              {notice}
            </Alert>
          )}
          {server === undefined ? (
            <Center py="md">
              <Loader size="sm" aria-label="Reading the configured server" />
            </Center>
          ) : server === null || changing ? (
            <ServerStep
              initial={server ?? rememberedSignIn().serverUrl}
              onChosen={(url) => {
                setServer(url);
                setChanging(false);
              }}
              onCancel={server === null ? undefined : () => setChanging(false)}
            />
          ) : (
            <Credentials
              server={server}
              email={email}
              setEmail={setEmail}
              onSignedIn={onSignedIn}
              onChangeServer={fixedServer ? undefined : () => setChanging(true)}
            />
          )}
        </Stack>
      </Paper>
    </Center>
  );
}

function Credentials({
  server,
  email,
  setEmail,
  onSignedIn,
  onChangeServer,
}: {
  server: string;
  email: string;
  setEmail(email: string): void;
  onSignedIn(session: Session): void;
  onChangeServer?: () => void;
}) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<SignInError | null>(null);
  const [busy, setBusy] = useState(false);
  const [offline, setOffline] = useState<Session | null>(null);
  // Web build only, and off unless ticked each time: a shared or borrowed computer must not stay signed in by default.
  const [keep, setKeep] = useState(false);
  const [offerKeep] = useState(canKeepSignedIn);
  const inClear = sendsPasswordsInClear(server);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await signIn(server, email, password, { keep: offerKeep && keep });
    setBusy(false);
    if (result.ok) {
      onSignedIn(result.value);
      return;
    }
    setError(result.error);
    if (result.error.kind === 'unreachable') setOffline(await offlineSessionFor(server, email));
  };

  return (
    <form onSubmit={submit} aria-labelledby="signin-title">
      <Stack gap="sm">
        <Group gap="xs" justify="space-between" wrap="nowrap">
          <div style={{ minWidth: 0 }}>
            <Text size="xs" c="dimmed" id="signin-server-label">
              Server
            </Text>
            <Text size="sm" truncate="end" data-testid="signin-server" aria-labelledby="signin-server-label">
              {server}
            </Text>
          </div>
          {onChangeServer && (
            <Button variant="subtle" onClick={onChangeServer}>
              Change server
            </Button>
          )}
        </Group>
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          required
          data-autofocus
          autoFocus={email === ''}
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          required
          autoFocus={email !== ''}
        />
        {offerKeep && (
          <Checkbox
            label="Keep me signed in on this device"
            description="Opens your workspace in a new tab, after a restart, and offline. Leave it off on a shared computer."
            checked={keep}
            onChange={(e) => setKeep(e.currentTarget.checked)}
          />
        )}
        {inClear && <InsecureServerWarning serverUrl={server} />}
        {error && (
          <Alert
            color="red"
            variant="light"
            role="alert"
            title={error.kind === 'credentials' ? 'Not signed in' : 'Cannot sign in'}
          >
            {error.message}
            {error.kind === 'unreachable' &&
              (offline
                ? ' Your local copy of the tickets is on this device.'
                : ' There is no local copy for this account on this device yet.')}
          </Alert>
        )}
        <Group justify="space-between">
          {offline ? (
            <Button variant="default" onClick={() => onSignedIn(offline)}>
              Work offline
            </Button>
          ) : (
            <span />
          )}
          <Button type="submit" loading={busy} color={inClear ? 'orange' : undefined}>
            {inClear ? 'Sign in anyway' : 'Sign in'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
