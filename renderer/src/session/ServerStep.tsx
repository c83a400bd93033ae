import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { sendsPasswordsInClear } from '../../../shared/net/loopback';
import { InsecureServerWarning } from './InsecureServerWarning';
import { chooseServer, normalizeServerUrl, type SignInError } from './session';

/**
 * The first sign-in step: which sync server to use. Only stores it (the desktop may reload the page to allow the new
 * origin); nothing is sent to the server until the credentials step. A plain http:// server beyond this machine is
 * used only after a warning and a second, deliberate click.
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
  // The address the user was just warned about: choosing it again is deliberate. Any edit starts over.
  const [warnedAbout, setWarnedAbout] = useState<string | null>(null);
  const normalized = normalizeServerUrl(url);
  const warned = warnedAbout === normalized;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sendsPasswordsInClear(normalized) && !warned) {
      setWarnedAbout(normalized);
      return;
    }
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
          onChange={(e) => {
            setUrl(e.currentTarget.value);
            setWarnedAbout(null);
          }}
          required
          data-autofocus
          autoFocus
        />
        {warned && <InsecureServerWarning serverUrl={normalized} announce />}
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
          <Button type="submit" loading={busy} color={warned ? 'orange' : undefined}>
            {warned ? 'Use it anyway' : 'Continue'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
