import type { Session } from 'electron';
import { isAppUrl, originOf } from '../app-origin';

type RequestHandler = NonNullable<Parameters<Session['setPermissionRequestHandler']>[0]>;
type CheckHandler = NonNullable<Parameters<Session['setPermissionCheckHandler']>[0]>;
type Permission = Parameters<RequestHandler>[1];

/** The only permission the page ever gets: notifications, and only for the app's own origin. */
const ALLOWED: ReadonlySet<Permission> = new Set<Permission>(['notifications']);

export function permissionRequestHandler(
  origins: ReadonlySet<string>,
  warn: (message: string) => void,
): RequestHandler {
  return (_contents, permission, callback, details) => {
    const granted = ALLOWED.has(permission) && isAppUrl(details.requestingUrl, origins);
    if (!granted) warn(`Denied permission "${permission}" to ${details.requestingUrl}`);
    callback(granted);
  };
}

export function permissionCheckHandler(origins: ReadonlySet<string>): CheckHandler {
  return (_contents, permission, requestingOrigin) => {
    const origin = originOf(requestingOrigin);
    return ALLOWED.has(permission) && origin !== null && origins.has(origin);
  };
}

export function lockDownPermissions(session: Session, origins: ReadonlySet<string>, warn: (m: string) => void): void {
  session.setPermissionRequestHandler(permissionRequestHandler(origins, warn));
  session.setPermissionCheckHandler(permissionCheckHandler(origins));
}
