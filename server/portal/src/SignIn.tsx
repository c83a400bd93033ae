import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { type Session, signIn } from './api';

/** Email and password; the server's reason when sign-in fails (wrong password, too many attempts, disabled). */
export function SignIn({ onSignedIn, notice }: { onSignedIn(session: Session): void; notice?: string | undefined }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await signIn(email.trim(), password);
    setBusy(false);
    if (result.ok) onSignedIn(result.value);
    else setError(result.error.message);
  };

  return (
    <Center mih="100vh" p="md" component="main" bg="gray.0">
      <Paper withBorder shadow="xs" p="xl" w={400} maw="100%">
        <form onSubmit={submit} aria-labelledby="signin-title" noValidate>
          <Stack gap="md">
            <div>
              <Title order={1} size="h2" id="signin-title">
                IT Help
              </Title>
              <Text c="dimmed">Sign in to ask for something or follow your requests.</Text>
            </div>
            {notice && (
              <Alert color="yellow" role="status">
                {notice}
              </Alert>
            )}
            <TextInput
              label="Email"
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              required
              autoFocus
            />
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              required
            />
            {error && (
              <Alert color="red" role="alert" title="Not signed in">
                {error}
              </Alert>
            )}
            <Button type="submit" loading={busy}>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
