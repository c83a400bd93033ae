import { cspDirectives, serializeCsp } from '../../shared/security/csp';
import { originOf } from '../app-origin';

/** The window's Content-Security-Policy (shared/security/csp.ts), connecting to the app and the configured server. */
export function contentSecurityPolicy(serverUrl: string | null): string {
  const server = serverUrl ? originOf(serverUrl) : null;
  return serializeCsp(cspDirectives(server ? [server] : []));
}

/** The same policy as a <meta> tag (frame-ancestors is ignored there), in case a header is not honoured. */
export function injectCspMeta(html: string, csp: string): string {
  const forMeta = csp
    .split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${forMeta.replace(/"/g, '&quot;')}">`;
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => `${head}\n    ${meta}`) : meta + html;
}
