import { createHttpClient } from './http';

/** Sign-out should not keep the user waiting for a server that does not answer. */
const LOGOUT_TIMEOUT_MS = 5_000;

/**
 * Ends a session on the server (POST /api/auth/logout), giving up after a few seconds: offline or unanswered, the
 * token is forgotten on the device anyway, and the server ends it when it expires.
 */
export async function serverLogout(options: {
  serverUrl: string;
  token: string;
  deviceId: string;
  fetch?: typeof globalThis.fetch;
}): Promise<void> {
  const client = createHttpClient({
    serverUrl: options.serverUrl,
    deviceId: options.deviceId,
    getToken: () => options.token,
    timeoutMs: LOGOUT_TIMEOUT_MS,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  await client.post('/api/auth/logout', {}).catch(() => undefined);
}
