import { isStaff, type User } from '../../../shared/domain/user';
import { normalizeServerUrl as normalizeUrl, ServerUrlSchema } from '../../../shared/ipc/contract';
import { err, ok, type Result } from '../../../shared/result';
import { getPlatform } from '../platform';
import { type Session, serverLogout } from '../rx/store-api';

/**
 * Signing in and resuming. The last server and email are remembered; the token is kept by the platform (secure
 * storage on the desktop; this tab on the web, or the device too when the user asks to stay signed in) and the user
 * record beside it, so a reload resumes from the local replica even offline.
 */
const REMEMBER_KEY = 'workstation.lastSignIn';
const SESSION_KEY = 'workstation.session';
const DEVICE_KEY = 'workstation.deviceId';

export type SignInError = { kind: 'credentials' | 'unreachable' | 'invalid' | 'server' | 'role'; message: string };

export function rememberedSignIn(): { serverUrl: string; email: string } {
  try {
    const saved = JSON.parse(localStorage.getItem(REMEMBER_KEY) ?? '{}') as { serverUrl?: string; email?: string };
    return { serverUrl: saved.serverUrl ?? location.origin, email: saved.email ?? '' };
  } catch {
    return { serverUrl: location.origin, email: '' };
  }
}

export function deviceId(): string {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id) {
    id = globalThis.crypto.randomUUID();
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

export function normalizeServerUrl(url: string): string {
  const trimmed = url.trim();
  return ServerUrlSchema.safeParse(trimmed).success ? normalizeUrl(trimmed) : trimmed;
}

/**
 * The server the credentials go to, or null when none is configured yet. Desktop: main keeps it (and allows only it
 * in the page's CSP); web: localStorage, defaulting to the page's own origin.
 */
export async function configuredServer(): Promise<string | null> {
  const configured = await getPlatform().getServerUrl();
  return configured.ok ? configured.value : null;
}

/**
 * Step one of signing in: stores the server with the platform. On the desktop, main reloads the page shortly after
 * answering when the origin changed (the new CSP must allow it), so nothing may talk to the server in this step:
 * the credentials are asked for, and sent, only afterwards (after the reload on the desktop).
 */
export async function chooseServer(rawUrl: string): Promise<Result<string, SignInError>> {
  const serverUrl = normalizeServerUrl(rawUrl);
  if (!ServerUrlSchema.safeParse(serverUrl).success)
    return err({ kind: 'invalid', message: 'Enter the server address as http(s)://host[:port].' });
  const saved = await getPlatform().setServerUrl(serverUrl);
  if (!saved.ok) return err({ kind: 'invalid', message: saved.error });
  return ok(saved.value);
}

export interface SignInOptions {
  /**
   * "Keep me signed in on this device" (web build): the token is also kept in IndexedDB, so closing the tab or the
   * browser does not end the session. Off: any token kept for this server before is forgotten. Ignored on the
   * desktop, which always keeps the token (OS keychain).
   */
  keep?: boolean;
  fetcher?: typeof fetch;
}

/** Whether this platform offers "keep me signed in on this device" (the web build; the desktop always does). */
export function canKeepSignedIn(): boolean {
  return getPlatform().deviceTokens !== undefined;
}

/** Step two: the credentials, sent to the server chosen in step one (never changes the server itself). */
export async function signIn(
  serverUrl: string,
  email: string,
  password: string,
  { keep = false, fetcher = (input, init) => fetch(input, init) }: SignInOptions = {},
): Promise<Result<Session, SignInError>> {
  let response: Response;
  try {
    response = await fetcher(`${serverUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: email.trim(), password }),
    });
  } catch {
    return err({ kind: 'unreachable', message: `Cannot reach ${serverUrl}. Check the address and your connection.` });
  }
  if (response.status === 401 || response.status === 403)
    return err({ kind: 'credentials', message: 'Wrong email or password.' });
  if (!response.ok)
    return err({ kind: 'server', message: `The server answered ${response.status}. Try again shortly.` });
  const body = (await response.json()) as { token: string; user: User };
  if (!isStaff(body.user.role)) {
    // The server would refuse every sync request of this account: end the session it just opened, and say where to go.
    await serverLogout({ serverUrl, token: body.token, deviceId: deviceId() });
    return err({
      kind: 'role',
      message: `${body.user.email} is a requester account: the workstation is for IT staff. Raise and follow your requests in the portal at ${serverUrl}/portal/`,
    });
  }
  localStorage.setItem(REMEMBER_KEY, JSON.stringify({ serverUrl, email: email.trim() }));
  const platform = getPlatform();
  await platform.setToken(serverUrl, body.token);
  // Best effort: when the device store fails, the session still holds for this tab.
  if (platform.deviceTokens)
    await (keep ? platform.deviceTokens.keep(serverUrl, body.token) : platform.deviceTokens.forget(serverUrl));
  const session: Session = { serverUrl, token: body.token, user: body.user };
  localStorage.setItem(SESSION_KEY, JSON.stringify({ serverUrl, user: body.user }));
  return ok(session);
}

export interface ResumedSession {
  session: Session;
  /**
   * The token came from the device's kept tokens (web: a new tab, or the browser restarted), not from this tab or the
   * desktop's keychain: it may have expired or been revoked while nobody used it, so check it (`checkSession`).
   */
  fromDevice: boolean;
}

/** The session saved by the last sign-in on this device, if its token is still stored (this tab's first, else kept). */
export async function resumeSession(): Promise<ResumedSession | null> {
  try {
    const saved = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null') as { serverUrl: string; user: User } | null;
    // A requester's session (saved before the workstation refused them) has nothing to sync.
    if (!saved || !isStaff(saved.user.role)) return null;
    const platform = getPlatform();
    const token = await platform.getToken(saved.serverUrl);
    if (token.ok && token.value)
      return { session: { serverUrl: saved.serverUrl, user: saved.user, token: token.value }, fromDevice: false };
    const kept = await platform.deviceTokens?.get(saved.serverUrl);
    if (kept?.ok && kept.value)
      return { session: { serverUrl: saved.serverUrl, user: saved.user, token: kept.value }, fromDevice: true };
    return null;
  } catch {
    return null;
  }
}

/** The saved session of this server and account, to keep working offline (on its replica) when the server is unreachable. */
export async function offlineSessionFor(serverUrl: string, email: string): Promise<Session | null> {
  const saved = (await resumeSession())?.session;
  return saved && saved.serverUrl === normalizeServerUrl(serverUrl) && saved.user.email === email.trim() ? saved : null;
}

/**
 * Asks the server whether a resumed token still holds (`GET /api/auth/me`): `refused` when it answers 401 (expired,
 * revoked at sign-out elsewhere, account disabled), `unreachable` when it cannot be asked (offline, server down, a
 * 5xx, no answer within `timeoutMs`): then work goes on from the replica and sync asks again later.
 */
export async function checkSession(
  session: Session,
  {
    fetcher = (input, init) => fetch(input, init),
    timeoutMs = 5_000,
  }: { fetcher?: typeof fetch; timeoutMs?: number } = {},
): Promise<'valid' | 'refused' | 'unreachable'> {
  try {
    const response = await fetcher(`${session.serverUrl}/api/auth/me`, {
      headers: { authorization: `Bearer ${session.token}`, 'x-device-id': deviceId() },
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel().catch(() => undefined);
    if (response.status === 401) return 'refused';
    return response.ok ? 'valid' : 'unreachable';
  } catch {
    return 'unreachable';
  }
}

/** What the sign-in form says when a kept sign-in was refused on opening the page. */
export const KEPT_SESSION_ENDED =
  'Your saved sign-in on this device has ended (it expired, or was signed out elsewhere). Sign in again: changes not yet sent are kept on this device and will be sent.';

/** Forgets this server's token, in this tab and kept on the device (the user record stays, for the email to sign in). */
export async function forgetToken(serverUrl: string) {
  await getPlatform().clearToken(serverUrl);
}

export async function forgetSession(serverUrl: string) {
  localStorage.removeItem(SESSION_KEY);
  await forgetToken(serverUrl);
}
