import { NetworkGate } from './gate';

/**
 * HTTP to the sync server: Bearer token, `X-Device-Id` (the server records it in the audit log), a timeout on every
 * request. Every request first passes the store's network gate (closed while offline or signed out; see gate.ts).
 * A 401 marks the session expired (the store closes the gate and keeps every pending change) and throws, so RxDB
 * treats the request as failed and retries it after sign-in.
 */

export class SessionExpiredError extends Error {
  override name = 'SessionExpiredError';
}

/** The server answered, but not with success (other than 401). */
export class HttpStatusError extends Error {
  override name = 'HttpStatusError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface HttpClientOptions {
  serverUrl: string;
  deviceId: string;
  getToken: () => string;
  fetch?: typeof fetch;
  /** Per request; large pulls get the same budget (they are batched). */
  timeoutMs?: number;
  /** Called with true when the server answered, false when it could not be reached or answered with a 5xx. */
  onReachable?: (reachable: boolean) => void;
  onUnauthorized?: () => void;
  /** Defaults to an always-open gate. */
  gate?: NetworkGate;
}

export interface HttpClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  /** A streaming GET (the SSE stream): resolves once headers arrive; no timeout after that. */
  openStream(path: string, signal: AbortSignal): Promise<Response>;
  headers(): Record<string, string>;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const base = options.serverUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const gate = options.gate ?? openGate();
  const headers = (): Record<string, string> => ({
    authorization: `Bearer ${options.getToken()}`,
    'x-device-id': options.deviceId,
  });

  /** `signal` also aborts when the gate closes; the gate's own abort says nothing about the server. */
  async function send(
    path: string,
    init: RequestInit,
    signal: AbortSignal,
    gateSignal: AbortSignal,
  ): Promise<Response> {
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, { ...init, headers: { ...headers(), ...init.headers }, signal });
    } catch (error) {
      if (!gateSignal.aborted) options.onReachable?.(false);
      throw error;
    }
    // A server error (a proxy's 502/503/504, or the server failing) leaves sync as stuck as no answer at all.
    options.onReachable?.(response.status < 500);
    if (response.status === 401) {
      options.onUnauthorized?.();
      await response.body?.cancel().catch(() => undefined);
      throw new SessionExpiredError(`${init.method ?? 'GET'} ${path}: session expired`);
    }
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw new HttpStatusError(
        response.status,
        `${init.method ?? 'GET'} ${path}: ${response.status} ${text.slice(0, 300)}`,
      );
    }
    return response;
  }

  async function json<T>(path: string, init: RequestInit): Promise<T> {
    const gateSignal = await gate.pass();
    // The timeout starts once the request may go out: waiting at the gate is not the server's fault.
    const { signal, release } = anySignal(gateSignal, AbortSignal.timeout(timeoutMs));
    try {
      const response = await send(path, init, signal, gateSignal);
      try {
        return (await response.json()) as T;
      } catch (error) {
        // The connection dropped while the body was read: the server is gone for now.
        if (!gateSignal.aborted) options.onReachable?.(false);
        throw error;
      }
    } finally {
      release();
    }
  }

  return {
    get: <T>(path: string) => json<T>(path, { method: 'GET' }),
    post: <T>(path: string, body: unknown) =>
      json<T>(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    openStream: async (path, signal) => {
      const gateSignal = await gate.pass();
      // The timeout covers only the wait for the headers; the stream itself stays open (heartbeats keep it alive).
      const controller = new AbortController();
      const { signal: stream, release } = anySignal(signal, gateSignal, controller.signal);
      const timer = setTimeout(() => controller.abort(new Error('stream: no answer')), timeoutMs);
      try {
        const response = await send(
          path,
          { method: 'GET', headers: { accept: 'text/event-stream' } },
          stream,
          gateSignal,
        );
        // The stream lives until its caller aborts `signal` (the gate closing aborts it through `stream`).
        stream.addEventListener('abort', release, { once: true });
        return response;
      } catch (error) {
        release();
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },
    headers,
  };
}

function openGate(): NetworkGate {
  const gate = new NetworkGate();
  gate.open();
  return gate;
}

/**
 * A signal that aborts when any of `signals` aborts, with that signal's reason. `release` stops listening: call it
 * when the request is over, or the gate's long-lived signal would hold on to every finished request.
 */
function anySignal(...signals: AbortSignal[]): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const listening = new AbortController();
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true, signal: listening.signal });
  }
  controller.signal.addEventListener('abort', () => listening.abort(), { once: true });
  return { signal: controller.signal, release: () => listening.abort() };
}
