/**
 * Which addresses never leave this machine: 127.0.0.0/8, ::1 (also as ::ffff:127.x.x.x) and localhost (with its
 * *.localhost names, RFC 6761). Anything else crosses a network others may read. The server warns when its demo desk
 * (published passwords) listens beyond this machine; the workstation warns before it sends a password to a plain
 * http server beyond it.
 */

export function isLoopbackHost(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (/^127(\.\d{1,3}){3}$/.test(name)) return true;
  // URL parsing writes IPv6 in its shortest form: ::1, and an IPv4-mapped 127.x.x.x as ::ffff:7fxx:xxxx.
  return name === '::1' || /^::ffff:(127(\.\d{1,3}){3}|7f[0-9a-f]{2}:[0-9a-f]{1,4})$/.test(name);
}

/** Whether signing in to `serverUrl` would send the password unencrypted over a network: plain http, not loopback. */
export function sendsPasswordsInClear(serverUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    return false;
  }
  return url.protocol === 'http:' && !isLoopbackHost(url.hostname);
}
