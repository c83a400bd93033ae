import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { chooseServer, type SignInError } from './session';

/**
 * The first sign-in step: which sync server to use. Only stores it (the desktop may reload the page to allow the new
 * origin); nothing is sent to the server until the credentials step.
 */
export function ServerStep({
  initial,
  onChosen,
  onCancel,
}: {
  initial: string;
  onChosen(serverUrl: string): void;
  onCancel?: () => void;
}) {
  const [url, setUrl] = useState(initial);
  const [error, setError] = useState<SignInError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const chosen = await chooseServer(url);
    setBusy(false);
    if (chosen.ok) onChosen(chosen.value);
    else setError(chosen.error);
  };
  return (
    <form onSubmit={submit} aria-label="Choose the server">
      <Stack gap="sm">
        <Text size="sm">Which service desk server do you work with?</Text>
        <TextInput
          label="Server"
          description="For example https://desk.example.com"
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          required
          data-autofocus
          autoFocus
        />
        {error && (
          <Alert color="red" variant="light" role="alert" title="Cannot use this server">
            {error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          )}
          <Button type="submit" loading={busy}>
            Continue
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
