/**
 * The portal's HTTP client: same-origin fetch to the server's requester endpoints (shared/server-api/portal.ts,
 * intake.ts). Every failure comes back as a Result with the server's message and, for validation errors, one
 * message per field path (`formData.neededBy`), so forms can show each next to its field.
 */
import type { User } from '../../../shared/domain/user';
import type { Result } from '../../../shared/result';
import type { LoginResponse } from '../../../shared/server-api/auth';
import type { IntakeRequest, IntakeResponse } from '../../../shared/server-api/intake';
import type {
  PortalCatalogResponse,
  PortalReplyRequest,
  PortalResolutionRequest,
  PortalTicketDetail,
  PortalTicketsResponse,
} from '../../../shared/server-api/portal';

export interface ApiError {
  status: number;
  message: string;
  /** Field path → message, from the server's `details.issues`. */
  fields: Record<string, string>;
}

export type ApiResult<T> = Result<T, ApiError>;

export interface Session {
  token: string;
  user: User;
}

const SESSION_KEY = 'itsm.portal.session';

export function savedSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

function saveSession(session: Session | null): void {
  if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(SESSION_KEY);
}

interface ErrorBody {
  error?: string;
  details?: { issues?: { path: (string | number)[]; message: string }[] };
}

/** First message per field path. */
export function fieldMessages(issues: readonly { path: readonly (string | number)[]; message: string }[]) {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.join('.');
    fields[key] ??= issue.message;
  }
  return fields;
}

async function request<T>(method: string, path: string, token: string | null, body?: unknown): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    return {
      ok: false,
      error: {
        status: 0,
        message: 'The service desk cannot be reached: check your connection and try again',
        fields: {},
      },
    };
  }
  const text = await response.text();
  const parsed: unknown = text === '' ? null : safeJson(text);
  if (response.ok) return { ok: true, value: parsed as T };
  const error = (parsed ?? {}) as ErrorBody;
  return {
    ok: false,
    error: {
      status: response.status,
      message: error.error ?? `The server answered ${response.status}`,
      fields: fieldMessages(error.details?.issues ?? []),
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export async function signIn(email: string, password: string): Promise<ApiResult<Session>> {
  const result = await request<LoginResponse>('POST', '/api/auth/login', null, { email, password });
  if (!result.ok) return result;
  const { token, user } = result.value;
  if (user.role !== 'requester') {
    await request('POST', '/api/auth/logout', token);
    return {
      ok: false,
      error: { status: 403, message: 'This portal is for requesters: staff use the ITSM Workstation', fields: {} },
    };
  }
  const session = { token, user };
  saveSession(session);
  return { ok: true, value: session };
}

/** Requests as the signed-in requester; a 401 ends the session (`onExpired`). */
export class PortalApi {
  constructor(
    private readonly session: Session,
    private readonly onExpired: (message: string) => void,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
    const result = await request<T>(method, path, this.session.token, body);
    if (!result.ok && result.error.status === 401) {
      saveSession(null);
      this.onExpired(result.error.message);
    }
    return result;
  }

  signOut(): Promise<ApiResult<null>> {
    saveSession(null);
    return request('POST', '/api/auth/logout', this.session.token);
  }

  catalog() {
    return this.call<PortalCatalogResponse>('GET', '/api/portal/catalog');
  }

  tickets() {
    return this.call<PortalTicketsResponse>('GET', '/api/portal/tickets');
  }

  ticket(id: string) {
    return this.call<PortalTicketDetail>('GET', `/api/portal/tickets/${encodeURIComponent(id)}`);
  }

  submit(body: IntakeRequest) {
    return this.call<IntakeResponse>('POST', '/api/requests', body);
  }

  reply(id: string, body: PortalReplyRequest) {
    return this.call<PortalTicketDetail>('POST', `/api/portal/tickets/${encodeURIComponent(id)}/replies`, body);
  }

  resolve(id: string, body: PortalResolutionRequest) {
    return this.call<PortalTicketDetail>('POST', `/api/portal/tickets/${encodeURIComponent(id)}/resolution`, body);
  }
}
