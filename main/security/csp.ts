import { originOf } from '../app-origin';

/**
 * The page's Content-Security-Policy. Scripts only from the app itself (no inline, no eval); connections only to the
 * app and the configured sync server. Styles allow 'unsafe-inline' because Mantine sets style attributes (style props,
 * CSS variables) that a nonce cannot cover; its <style> tags could take a nonce (MantineProvider `getStyleNonce`).
 */
export function contentSecurityPolicy(serverUrl: string | null): string {
  const server = serverUrl ? originOf(serverUrl) : null;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${server ? ` ${server}` : ''}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
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
