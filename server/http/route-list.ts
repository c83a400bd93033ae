import type { FastifyInstance, HTTPMethods } from 'fastify';

/** One method of one route the server answers, as Fastify registered it (e.g. `GET /api/tickets/:id/history`). */
export interface RouteEntry {
  method: HTTPMethods;
  url: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered after `recordRoutes`, HEAD twins of GET routes included. */
    readonly registeredRoutes: readonly RouteEntry[];
  }
}

/** Keeps the list of routes as Fastify registers them (the route × role and fuzz tests walk it). */
export function recordRoutes(app: FastifyInstance): void {
  const routes: RouteEntry[] = [];
  app.decorate('registeredRoutes', routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
}
