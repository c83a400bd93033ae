import type { Comment } from '../../../shared/domain/comment';
import type { Ticket } from '../../../shared/domain/ticket';
import type { User } from '../../../shared/domain/user';
import { makeCalendar, makePolicy, makeQueue, makeTicket, makeUser } from '../../../shared/testing/fixtures';
import { FakeHttpServer } from './fake-http-server';

export const USERS = {
  agent: makeUser({ id: 'u-agent', email: 'agent@demo.local', role: 'agent' }),
  supervisor: makeUser({ id: 'u-super', email: 'supervisor@demo.local', role: 'supervisor' }),
  technician: makeUser({ id: 'u-tech', email: 'technician@demo.local', role: 'technician' }),
} as const satisfies Record<string, User>;
export type Persona = keyof typeof USERS;

/** The in-memory protocol server over HTTP, seeded with a queue, its SLA policy and calendar, and some tickets. */
export async function startFakeBackend(tickets: Partial<Ticket>[] = []) {
  const http = new FakeHttpServer();
  http.protocol.seed('queues', [makeQueue()]);
  http.protocol.seed('sla_policies', [makePolicy()]);
  http.protocol.seed('calendars', [makeCalendar()]);
  http.protocol.seed(
    'tickets',
    tickets.map((t, i) => makeTicket({ number: i + 1, status: 'open', ...t })),
  );
  await http.listen();
  return {
    http,
    get url() {
      return http.url;
    },
    login: async (persona: Persona) => ({ token: http.protocol.signIn(USERS[persona]), user: USERS[persona] }),
    tickets: async () => http.protocol.all('tickets').map(content) as unknown as Ticket[],
    comments: async () => http.protocol.all('comments').map(content) as unknown as Comment[],
    restart: () => http.restart(),
    close: () => http.close(),
  };
}
function content<D extends { _deleted?: boolean }>({ _deleted, ...doc }: D): Omit<D, '_deleted'> {
  return doc;
}

export type FakeBackend = Awaited<ReturnType<typeof startFakeBackend>>;
