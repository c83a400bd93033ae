import type { BusinessCalendar } from '../domain/calendar';
import type { Comment } from '../domain/comment';
import type { SavedView } from '../domain/preset';
import type { Queue } from '../domain/queue';
import type { SlaPolicy } from '../domain/sla-policy';
import { emptySla, NO_DUE, type Ticket, UNASSIGNED } from '../domain/ticket';
import type { User } from '../domain/user';

/**
 * Small valid documents for tests in every part. Each takes overrides; ids are stable unless overridden so tests
 * read clearly. Test-only: nothing in the app imports this.
 */
const AT = '2026-11-02T09:00:00.000Z';

export function makeTicket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: 't-1',
    number: null,
    type: 'incident',
    title: 'Printer on floor 3 jams on every job',
    description: 'Since this morning the printer by the kitchen jams on every page.',
    requesterId: 'u-requester',
    status: 'new',
    impact: 2,
    urgency: 2,
    priority: 'P3',
    queueId: 'q-service-desk',
    assigneeId: UNASSIGNED,
    catalogItemId: '',
    category: 'Hardware',
    tags: [],
    formData: {},
    createdAt: AT,
    updatedAt: AT,
    firstResponseAt: null,
    resolvedAt: null,
    sla: emptySla('sla-standard'),
    slaDueAt: NO_DUE,
    slaWarnAt: NO_DUE,
    ...overrides,
  };
}

export function makeComment(overrides: Partial<Comment> = {}): Comment {
  return {
    id: 'c-1',
    ticketId: 't-1',
    authorId: 'u-agent',
    body: 'Restarted the printer; please try again.',
    visibility: 'public',
    createdAt: AT,
    ...overrides,
  };
}

export function makeUser(overrides: Partial<User> = {}): User {
  return {
    id: 'u-agent',
    email: 'agent@demo.local',
    name: 'Avery Agent',
    role: 'agent',
    queueIds: ['q-service-desk'],
    department: 'IT',
    active: true,
    updatedAt: AT,
    ...overrides,
  };
}

export function makeQueue(overrides: Partial<Queue> = {}): Queue {
  return {
    id: 'q-service-desk',
    name: 'Service Desk',
    description: 'First line for everything',
    defaultSlaPolicyId: 'sla-standard',
    updatedAt: AT,
    ...overrides,
  };
}

/** Monday to Friday, 08:00–17:00 in Berlin. */
export function makeCalendar(overrides: Partial<BusinessCalendar> = {}): BusinessCalendar {
  return {
    id: 'cal-office',
    name: 'Office hours',
    timeZone: 'Europe/Berlin',
    hours: [1, 2, 3, 4, 5].map((day) => ({ day, start: '08:00', end: '17:00' })),
    holidays: [],
    updatedAt: AT,
    ...overrides,
  };
}

export function makePolicy(overrides: Partial<SlaPolicy> = {}): SlaPolicy {
  return {
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
    ...overrides,
  };
}

/** A saved view of Unassigned tickets with a text filter, owned by the agent. */
export function makeSavedView(overrides: Partial<SavedView> = {}): SavedView {
  return {
    id: 'v-1',
    kind: 'view',
    ownerId: 'u-agent',
    name: 'Printers',
    createdAt: AT,
    definition: {
      base: { kind: 'unassigned' },
      filters: { text: 'printer', statuses: ['new', 'open'], priorities: [], assigneeId: null, tag: null },
      sort: 'sla',
    },
    ...overrides,
  };
}
