/**
 * The kinds of caller the route × caller test and the fuzz test send every route as: no credentials, a forged token,
 * an integration's API key, and a session of each role.
 */
import { createSession } from '../../server/auth/sessions';
import type { RouteEntry } from '../../server/http/route-list';
import type { Role } from '../../shared/domain/user';
import type { CreatedApiKey } from '../../shared/server-api/admin';
import { API_KEY_HEADER } from '../../shared/server-api/intake';
import { Api, type TestServer } from './harness';

export const ROLES: Role[] = ['requester', 'agent', 'technician', 'supervisor', 'admin'];
export const CALLERS = ['anonymous', 'badToken', 'apiKey', ...ROLES] as const;
export type Caller = (typeof CALLERS)[number];

/**
 * Signs each role in once and creates an API key; returns the headers a caller sends to a route. A sign-out gets a
 * fresh session of the role, so it ends none the other requests use.
 */
export type CallerHeaders = (caller: Caller, route: RouteEntry) => Promise<Record<string, string>>;

export async function callerHeaders(server: TestServer): Promise<CallerHeaders> {
  const tokens = new Map<Caller, string | undefined>([['badToken', 'A'.repeat(43)]]);
  for (const role of ROLES) tokens.set(role, (await Api.login(server.url, `${role}@demo.local`)).token);
  const admin = new Api(server.url, tokens.get('admin') ?? '');
  const { key } = (await admin.post<CreatedApiKey>('/api/admin/api-keys', { name: 'Callers', onBehalfOf: '*' })).body;
  return async (caller, route): Promise<Record<string, string>> => {
    if (caller === 'anonymous') return {};
    if (caller === 'apiKey') return { [API_KEY_HEADER]: key };
    const token =
      route.url === '/api/auth/logout' && caller !== 'badToken'
        ? (await createSession(server.db, `u-${caller}`, 'callers', 60_000)).token
        : tokens.get(caller);
    return { authorization: `Bearer ${token}` };
  };
}
