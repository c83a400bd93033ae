import { useEffect, useState } from 'react';

/**
 * The portal's pages as hash routes, so the server only needs to serve one index.html:
 * #/ catalog · #/request/<catalogItemId> · #/tickets · #/tickets/<ticketId>
 */
export type Route =
  | { page: 'catalog' }
  | { page: 'request'; itemId: string }
  | { page: 'tickets' }
  | { page: 'ticket'; ticketId: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'request' && parts[1]) return { page: 'request', itemId: parts[1] };
  if (parts[0] === 'tickets' && parts[1]) return { page: 'ticket', ticketId: parts[1] };
  if (parts[0] === 'tickets') return { page: 'tickets' };
  return { page: 'catalog' };
}

export function hrefOf(route: Route): string {
  switch (route.page) {
    case 'catalog':
      return '#/';
    case 'request':
      return `#/request/${encodeURIComponent(route.itemId)}`;
    case 'tickets':
      return '#/tickets';
    case 'ticket':
      return `#/tickets/${encodeURIComponent(route.ticketId)}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
