import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import type { Session } from '../rx/store-api';
import { initialServerUrl, rememberedSignIn, resumeSession, type SignInError, signIn } from './session';

/** Server address, email and password; names each failure and offers offline work when the server is unreachable. */
export function SignIn({ onSignedIn, notice }: { onSignedIn(session: Session): void; notice?: string }) {
  const remembered = rememberedSignIn();
  const [serverUrl, setServerUrl] = useState(remembered.serverUrl);
  const [email, setEmail] = useState(remembered.email);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<SignInError | null>(null);
  const [busy, setBusy] = useState(false);
  const [offline, setOffline] = useState<Session | null>(null);
  useEffect(() => {
    void initialServerUrl().then(setServerUrl);
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await signIn(serverUrl, email, password);
    setBusy(false);
    if (result.ok) {
      onSignedIn(result.value);
      return;
    }
    setError(result.error);
    if (result.error.kind === 'unreachable') {
      const saved = await resumeSession();
      setOffline(saved && saved.user.email === email.trim() ? saved : null);
    }
  };

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="xl" w={380} component="main">
        <form onSubmit={submit} aria-labelledby="signin-title">
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
            <TextInput
              label="Server"
              value={serverUrl}
              onChange={(e) => setServerUrl(e.currentTarget.value)}
              required
            />
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
              <Button type="submit" loading={busy}>
                Sign in
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
