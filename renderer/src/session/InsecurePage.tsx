import { Center, MantineProvider, Paper, Stack, Text, Title } from '@mantine/core';
import { cssVariablesResolver, theme } from '../app/theme';

/**
 * Shown instead of the app when the web build was loaded over plain http:// from another machine. Browsers keep the
 * cryptography the replica needs (crypto.subtle, randomUUID) to secure pages (https://, localhost), so the app could
 * not sign in there; saying so beats a sign-in button that does nothing.
 */
export function InsecurePage({ origin }: { origin: string }) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" cssVariablesResolver={cssVariablesResolver}>
      <Center mih="100vh" p="md">
        <Paper withBorder p="xl" w={440} component="main">
          <Stack gap="sm">
            <Title order={1} size="h3">
              Open the workstation over https://
            </Title>
            <Text size="sm">
              This page came from {origin}, a plain http:// address on the network. Browsers keep the encryption the
              workstation needs for its offline copy of your tickets from such pages, and your password would cross the
              network unencrypted.
            </Text>
            <Text size="sm">Open it at its https:// address (ask your administrator), or use the desktop app.</Text>
          </Stack>
        </Paper>
      </Center>
    </MantineProvider>
  );
}
