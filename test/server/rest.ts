/**
 * Plain HTTP calls for the intake, portal and admin tests: any method, any headers (API keys), raw bodies (size
 * limits), with the JSON answer. The signed-in `Api` client of harness.ts covers the sync routes.
 */
import { request as httpRequest } from 'node:http';
import { createParser } from 'eventsource-parser';
import type { User } from '../../shared/domain/user';
import type { Reply } from './harness';

export interface CallOptions {
  token?: string;
  apiKey?: string;
  body?: unknown;
  /** Sent as is instead of JSON.stringify(body). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export async function call<T = { error: string; details?: { issues: { path: string[]; message: string }[] } }>(
  url: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  options: CallOptions = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.apiKey) headers['x-api-key'] = options.apiKey;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? null : JSON.parse(text)) as T };
}

export type ErrorReply = { error: string; details?: { issues: { path: string[]; message: string }[] } };

/** JSON calls as one signed-in user (anonymous without a token), e.g. `callsAs(url, token).put(path, body)`. */
export const callsAs = (url: string, token: string | undefined) => ({
  get: <T>(path: string) => call<T & ErrorReply>(url, 'GET', path, { token }),
  post: <T>(path: string, body: unknown) => call<T & ErrorReply>(url, 'POST', path, { token, body }),
  put: <T>(path: string, body: unknown) => call<T & ErrorReply>(url, 'PUT', path, { token, body }),
  del: (path: string) => call<ErrorReply>(url, 'DELETE', path, { token }),
});

/** The field paths an error answer names, e.g. ['formData.model', 'title']. */
export const issuePaths = (body: ErrorReply): string[] =>
  (body.details?.issues ?? []).map((issue) => issue.path.join('.')).sort();

let counter = 0;
/** A fresh idempotency key. */
export function newKey(): string {
  counter += 1;
  return `test-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2)}`;
}

/**
 * Opens the live stream as `token` and resolves with the first event matching `match` (rejects after the stream
 * ends). `ready` resolves once the stream is connected, so the caller can then cause the event.
 */
export function streamEvent<E extends { type: string }>(
  url: string,
  token: string,
  match: (event: E) => boolean,
): { ready: Promise<void>; event: Promise<E>; close(): void } {
  const controller = new AbortController();
  let connected: () => void = () => undefined;
  let failed: (error: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    connected = resolve;
    failed = reject;
  });
  const event = (async () => {
    const response = await fetch(`${url}/api/sync/stream`, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    if (!response.body) throw new Error(`stream answered ${response.status} without a body`);
    let found: E | undefined;
    const parser = createParser({
      onComment: (comment) => {
        if (comment === 'connected') connected();
      },
      onEvent: ({ data }) => {
        const parsed = JSON.parse(data) as E;
        if (!found && match(parsed)) found = parsed;
      },
    });
    for await (const text of response.body.pipeThrough(new TextDecoderStream())) {
      parser.feed(text);
      if (found) {
        controller.abort();
        return found;
      }
    }
    throw new Error('stream ended before the expected event');
  })();
  // A stream that ends (or never opens) before it is connected fails `ready` with the reason, instead of leaving the
  // test waiting for its time-out.
  event.catch((error: Error) => failed(new Error(`stream ended before it was connected: ${error.message}`)));
  return { ready, event, close: () => controller.abort() };
}

/**
 * A stream that is connected (its `: connected` line arrived), opened again if the server ended it before that, as
 * the workstation reconnects.
 */
export async function connectedStream<E extends { type: string }>(
  url: string,
  token: string,
  match: (event: E) => boolean,
): Promise<{ event: Promise<E>; close(): void }> {
  for (let attempt = 1; ; attempt++) {
    const stream = streamEvent(url, token, match);
    try {
      await stream.ready;
      return stream;
    } catch (error) {
      stream.close();
      if (attempt === 3) throw error;
    }
  }
}

/** Changes a user through the admin API, as an admin would (role, queues, active, password); returns the status. */
export async function editUser(
  url: string,
  adminToken: string | undefined,
  id: string,
  patch: Partial<User> & { password?: string },
): Promise<number> {
  const admin = callsAs(url, adminToken);
  const { updatedAt: _, ...input } = (await admin.get<User>(`/api/admin/users/${id}`)).body;
  return (await admin.put(`/api/admin/users/${id}`, { ...input, ...patch })).status;
}

/**
 * POSTs JSON from another client address: the loopback network is 127.0.0.0/8, so binding the client's end to
 * 127.0.0.<n> makes the server see a different address (request.ip) without any proxy header.
 */
export function postFrom(
  localAddress: string,
  url: string,
  path: string,
  body: unknown,
): Promise<{ status: number; body: ErrorReply; retryAfter: number | null }> {
  const { hostname, port } = new URL(url);
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: hostname,
        port,
        path,
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
      },
      (res) => {
        let received = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          received += chunk;
        });
        res.on('end', () => {
          const retryAfter = res.headers['retry-after'];
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(received) as ErrorReply,
            retryAfter: retryAfter === undefined ? null : Number(retryAfter),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}
