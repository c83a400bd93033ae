import type { BusinessCalendar } from '../../../shared/domain/calendar';
import type { ServiceCatalogItem } from '../../../shared/domain/catalog';
import type { Comment } from '../../../shared/domain/comment';
import type { Status } from '../../../shared/domain/lifecycle';
import { type Level, priorityFrom } from '../../../shared/domain/priority';
import type { Queue } from '../../../shared/domain/queue';
import type { SlaPolicy } from '../../../shared/domain/sla-policy';
import { emptySla, NO_DUE, type Ticket, UNASSIGNED } from '../../../shared/domain/ticket';
import type { TicketType } from '../../../shared/domain/ticket-type';
import type { User } from '../../../shared/domain/user';
import { computeTicketSla } from '../../../shared/sla';

/**
 * A deterministic demo desk for the local stand-in store (component development, the latency bench): same queues
 * and logins as the server's demo. SLA fields come from the shared engine, as the server computes them.
 */
const AT = '2026-11-02T09:00:00.000Z';

export const DEMO_QUEUES: Queue[] = [
  ['q-service-desk', 'Service Desk', 'First line for everything'],
  ['q-network', 'Network', 'LAN, Wi-Fi, VPN and firewalls'],
  ['q-hardware', 'Hardware', 'Laptops, printers, peripherals'],
  ['q-field', 'Field Services', 'On-site visits and installations'],
].map(([id = '', name = '', description = '']) => ({
  id,
  name,
  description,
  defaultSlaPolicyId: 'sla-standard',
  updatedAt: AT,
}));

const user = (id: string, name: string, email: string, role: User['role'], queueIds: string[]): User => ({
  id,
  name,
  email,
  role,
  queueIds,
  department: role === 'requester' ? 'Finance' : 'IT',
  active: true,
  updatedAt: AT,
});

const ALL_QUEUES = DEMO_QUEUES.map((q) => q.id);
export const DEMO_USERS: User[] = [
  user('u-agent', 'Avery Agent', 'agent@demo.local', 'agent', ['q-service-desk', 'q-hardware']),
  user('u-tech', 'Taylor Technician', 'technician@demo.local', 'technician', ['q-field']),
  user('u-super', 'Sam Supervisor', 'supervisor@demo.local', 'supervisor', ALL_QUEUES),
  user('u-admin', 'Alex Admin', 'admin@demo.local', 'admin', ALL_QUEUES),
  user('u-req', 'Robin Requester', 'requester@demo.local', 'requester', []),
  user('u-agent2', 'Jordan Lee', 'jordan@demo.local', 'agent', ['q-service-desk', 'q-network']),
  user('u-agent3', 'Priya Nair', 'priya@demo.local', 'agent', ['q-network', 'q-hardware']),
  user('u-req2', 'Morgan Diaz', 'morgan@demo.local', 'requester', []),
  user('u-req3', 'Casey Okafor', 'casey@demo.local', 'requester', []),
];

export const DEMO_CALENDAR: BusinessCalendar = {
  id: 'cal-office',
  name: 'Office hours',
  timeZone: 'Europe/Berlin',
  hours: [1, 2, 3, 4, 5].map((day) => ({ day, start: '08:00', end: '17:00' })),
  holidays: [],
  updatedAt: AT,
};

export const DEMO_POLICY: SlaPolicy = {
  id: 'sla-standard',
  name: 'Standard',
  calendarId: 'cal-office',
  targets: {
    P1: { responseMinutes: 15, resolutionMinutes: 240 },
    P2: { responseMinutes: 60, resolutionMinutes: 480 },
    P3: { responseMinutes: 240, resolutionMinutes: 1440 },
    P4: { responseMinutes: 480, resolutionMinutes: 2880 },
  },
  warnAtPercent: 75,
  escalateAtPercents: [50, 75, 100],
  pauseStatuses: ['pending', 'on_hold'],
  queueIds: [],
  updatedAt: AT,
};

export const DEMO_CATALOG: ServiceCatalogItem[] = [
  {
    id: 'cat-laptop',
    name: 'New laptop',
    description: 'A laptop for a new or existing employee',
    category: 'Hardware',
    ticketType: 'service_request',
    defaultQueueId: 'q-hardware',
    impact: 3,
    urgency: 2,
    fields: [
      { key: 'model', label: 'Model', kind: 'select', required: true, options: ['14" standard', '16" performance'] },
      { key: 'neededBy', label: 'Needed by', kind: 'date', required: true },
      { key: 'reason', label: 'Reason', kind: 'textarea', required: false, maxLength: 500 },
    ],
    active: true,
    updatedAt: AT,
  },
  {
    id: 'cat-vpn',
    name: 'VPN access',
    description: 'Remote access to the office network',
    category: 'Network',
    ticketType: 'service_request',
    defaultQueueId: 'q-network',
    impact: 3,
    urgency: 3,
    fields: [{ key: 'justification', label: 'Justification', kind: 'text', required: true }],
    active: true,
    updatedAt: AT,
  },
];

const TITLES = [
  'Printer on floor 3 jams on every job',
  'VPN disconnects every 10 minutes from home',
  'Outlook keeps asking for the password',
  'New starter needs a laptop and accounts by Monday',
  'Wi-Fi in meeting room Atlas drops during calls',
  'Monitor flickers after docking station update',
  'Cannot open shared drive S: from the finance team',
  'Badge reader at the loading dock rejects valid badges',
  'Install the CAD viewer on two workstations',
  'Phone headset has no audio in Teams calls',
];

/** Small fast pseudo-random generator so the same seed gives the same desk. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const STAFF = ['u-agent', 'u-tech', 'u-agent2', 'u-agent3', 'u-super'];
const REQUESTERS = ['u-req', 'u-req2', 'u-req3'];
const STATUS_MIX: Status[] = ['new', 'open', 'open', 'open', 'pending', 'on_hold', 'resolved', 'closed'];

export function demoTicket(i: number, now: number, rand = rng(i + 1)): Ticket {
  const impact = (1 + Math.floor(rand() * 3)) as Level;
  const urgency = (1 + Math.floor(rand() * 3)) as Level;
  const priority = priorityFrom(impact, urgency);
  const status = STATUS_MIX[Math.floor(rand() * STATUS_MIX.length)] ?? 'open';
  const queue = DEMO_QUEUES[Math.floor(rand() * DEMO_QUEUES.length)] ?? DEMO_QUEUES[0];
  const type: TicketType = rand() < 0.7 ? 'incident' : 'service_request';
  const createdAt = new Date(now - Math.floor(rand() * 3 * 24 * 3_600_000)).toISOString();
  const assigneeId = rand() < 0.35 ? UNASSIGNED : (STAFF[Math.floor(rand() * STAFF.length)] ?? UNASSIGNED);
  const firstResponseAt = status === 'new' ? null : createdAt;
  const title = `${TITLES[i % TITLES.length]}${i >= TITLES.length ? ` (#${i})` : ''}`;
  const draft: Ticket = {
    id: `t-${String(i).padStart(6, '0')}`,
    number: 1000 + i,
    type,
    title,
    description: `${title}. Reported by phone; the user has already restarted the device.`,
    requesterId: REQUESTERS[i % REQUESTERS.length] ?? 'u-req',
    status,
    impact,
    urgency,
    priority,
    queueId: queue?.id ?? 'q-service-desk',
    assigneeId,
    catalogItemId: '',
    category: queue?.name ?? '',
    tags: rand() < 0.3 ? ['vip'] : [],
    formData: {},
    createdAt,
    updatedAt: createdAt,
    firstResponseAt,
    resolvedAt: status === 'resolved' || status === 'closed' ? createdAt : null,
    sla: {
      ...emptySla(DEMO_POLICY.id),
      pauses: status === 'new' || status === 'open' ? [] : [{ from: createdAt, to: null }],
    },
    slaDueAt: NO_DUE,
    slaWarnAt: NO_DUE,
  };
  const computed = computeTicketSla(draft, DEMO_POLICY, DEMO_CALENDAR, now);
  return { ...draft, sla: computed.sla, slaDueAt: computed.slaDueAt, slaWarnAt: computed.slaWarnAt };
}

export function demoComments(ticket: Ticket): Comment[] {
  return [
    {
      id: `${ticket.id}-c1`,
      ticketId: ticket.id,
      authorId: ticket.requesterId,
      body: ticket.description,
      visibility: 'public',
      createdAt: ticket.createdAt,
    },
  ];
}
