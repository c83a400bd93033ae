import { Alert } from '@mantine/core';

/**
 * Said before a password goes to a plain http:// server beyond this machine (`sendsPasswordsInClear`): anyone on
 * the network between could read it. `announce` for the warning that answers a click (a live alert); otherwise it is
 * part of the form, read in order.
 */
export function InsecureServerWarning({ serverUrl, announce = false }: { serverUrl: string; announce?: boolean }) {
  const host = new URL(serverUrl).host;
  return (
    <Alert
      color="orange"
      variant="light"
      title="Not encrypted"
      role={announce ? 'alert' : 'note'}
      data-testid="insecure-server-warning"
    >
      {announce
        ? `${host} is a plain http:// address: your password and tickets would cross the network unencrypted, readable by anyone on the way. Ask your administrator for its https:// address, or use it anyway.`
        : `Your password goes to ${host} unencrypted (http://): anyone on the network on the way can read it.`}
    </Alert>
  );
}
