import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { CustomScheme } from 'electron';
import { APP_HOST, APP_SCHEME } from '../app-origin';
import { injectCspMeta } from './csp';

/**
 * `app://workstation/` is a standard, secure scheme: a real origin (storage, IndexedDB, CORS from the sync server),
 * a secure context (notifications), fetch support. Registered before the app is ready.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export interface AppProtocolOptions {
  /** The built renderer (out/renderer). */
  root: string;
  /** The current Content-Security-Policy: it follows the configured server. */
  csp: () => string;
  readFile?: (path: string) => Promise<Uint8Array>;
}

const refuse = (status: number, text: string): Response =>
  new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/** Serves files under `root` only; a path that resolves outside it is refused. Paths without extension get the page. */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const root = resolve(options.root);
  const read = options.readFile ?? readFile;
  return async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return refuse(404, 'Not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Method not allowed');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return refuse(400, 'Bad path');
    }
    if (path.includes('\0')) return refuse(400, 'Bad path');
    if (path === '/' || extname(path) === '') path = '/index.html';
    const file = resolve(root, `.${path}`);
    if (!file.startsWith(root + sep)) return refuse(403, 'Forbidden');

    let body: Uint8Array;
    try {
      body = await read(file);
    } catch {
      return refuse(404, 'Not found');
    }
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const headers: Record<string, string> = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' };
    if (extname(file) === '.html') {
      const csp = options.csp();
      headers['Content-Security-Policy'] = csp;
      return new Response(injectCspMeta(new TextDecoder().decode(body), csp), { headers });
    }
    return new Response(body, { headers });
  };
}
