/**
 * The demo desk's reference data: calendars, SLA policies, queues, users (logins documented in server/README.md),
 * and the service catalog. Fixed, readable ids so tests and docs can name them.
 */
import type { BusinessCalendar } from '../../shared/domain/calendar';
import type { ServiceCatalogItem } from '../../shared/domain/catalog';
import type { Queue } from '../../shared/domain/queue';
import type { SlaPolicy } from '../../shared/domain/sla-policy';
import type { User } from '../../shared/domain/user';

export const DEMO_PASSWORD = 'demo1234';

export const QUEUE = {
  serviceDesk: 'q-service-desk',
  network: 'q-network',
  hardware: 'q-hardware',
  field: 'q-field-services',
} as const;
export const ALL_QUEUES = Object.values(QUEUE);

export const CALENDAR = { business: 'cal-business-hours', allDay: 'cal-24x7' } as const;
export const POLICY = { standard: 'sla-standard', critical: 'sla-24x7' } as const;

export function demoCalendars(now: Date): BusinessCalendar[] {
  const year = now.getUTCFullYear();
  const holidays = [year - 1, year, year + 1].flatMap((y) => [
    `${y}-01-01`,
    `${y}-05-01`,
    `${y}-10-03`,
    `${y}-12-24`,
    `${y}-12-25`,
    `${y}-12-26`,
    `${y}-12-31`,
  ]);
  const updatedAt = now.toISOString();
  return [
    {
      id: CALENDAR.business,
      name: 'Business hours (Berlin)',
      timeZone: 'Europe/Berlin',
      hours: [1, 2, 3, 4, 5].map((day) => ({ day, start: '08:00', end: '18:00' })),
      holidays,
      updatedAt,
    },
    {
      id: CALENDAR.allDay,
      name: '24×7',
      timeZone: 'UTC',
      hours: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '00:00', end: '24:00' })),
      holidays: [],
      updatedAt,
    },
  ];
}

export function demoPolicies(now: Date): SlaPolicy[] {
  const updatedAt = now.toISOString();
  return [
    {
      id: POLICY.standard,
      name: 'Standard (business hours)',
      calendarId: CALENDAR.business,
      targets: {
        P1: { responseMinutes: 30, resolutionMinutes: 240 },
        P2: { responseMinutes: 60, resolutionMinutes: 480 },
        P3: { responseMinutes: 240, resolutionMinutes: 1440 },
        P4: { responseMinutes: 480, resolutionMinutes: 2400 },
      },
      warnAtPercent: 75,
      escalateAtPercents: [50, 75, 100],
      pauseStatuses: ['pending', 'on_hold'],
      queueIds: [],
      updatedAt,
    },
    {
      id: POLICY.critical,
      name: 'Network (24×7)',
      calendarId: CALENDAR.allDay,
      targets: {
        P1: { responseMinutes: 15, resolutionMinutes: 240 },
        P2: { responseMinutes: 30, resolutionMinutes: 480 },
        P3: { responseMinutes: 120, resolutionMinutes: 1440 },
        P4: { responseMinutes: 240, resolutionMinutes: 4320 },
      },
      warnAtPercent: 80,
      escalateAtPercents: [75, 100],
      pauseStatuses: ['on_hold'],
      queueIds: [QUEUE.network],
      updatedAt,
    },
  ];
}

export function demoQueues(now: Date): Queue[] {
  const updatedAt = now.toISOString();
  const queue = (id: string, name: string, description: string): Queue => ({
    id,
    name,
    description,
    defaultSlaPolicyId: POLICY.standard,
    updatedAt,
  });
  return [
    queue(QUEUE.serviceDesk, 'Service Desk', 'First line: calls, emails and portal requests'),
    queue(QUEUE.network, 'Network', 'LAN, Wi-Fi, VPN, firewalls and telephony'),
    queue(QUEUE.hardware, 'Hardware', 'Laptops, desktops, monitors, printers and peripherals'),
    queue(QUEUE.field, 'Field Services', 'On-site work at branch offices and warehouses'),
  ];
}

interface DemoPerson {
  id: string;
  email: string;
  name: string;
  role: User['role'];
  queueIds: string[];
  department: string;
}

const STAFF: DemoPerson[] = [
  { id: 'u-admin', email: 'admin@demo.local', name: 'Ada Admin', role: 'admin', queueIds: [], department: 'IT' },
  {
    id: 'u-supervisor',
    email: 'supervisor@demo.local',
    name: 'Sam Supervisor',
    role: 'supervisor',
    queueIds: [...ALL_QUEUES],
    department: 'IT Service Management',
  },
  {
    id: 'u-agent',
    email: 'agent@demo.local',
    name: 'Alex Agent',
    role: 'agent',
    queueIds: [QUEUE.serviceDesk, QUEUE.network],
    department: 'Service Desk',
  },
  {
    id: 'u-technician',
    email: 'technician@demo.local',
    name: 'Tara Technician',
    role: 'technician',
    queueIds: [QUEUE.field],
    department: 'Field Services',
  },
  {
    id: 'u-priya',
    email: 'priya.shah@demo.local',
    name: 'Priya Shah',
    role: 'agent',
    queueIds: [QUEUE.serviceDesk, QUEUE.hardware],
    department: 'Service Desk',
  },
  {
    id: 'u-tom',
    email: 'tom.berger@demo.local',
    name: 'Tom Berger',
    role: 'agent',
    queueIds: [QUEUE.network],
    department: 'Network Operations',
  },
  {
    id: 'u-lena',
    email: 'lena.vogel@demo.local',
    name: 'Lena Vogel',
    role: 'agent',
    queueIds: [QUEUE.hardware, QUEUE.serviceDesk],
    department: 'Workplace Services',
  },
  {
    id: 'u-marco',
    email: 'marco.rossi@demo.local',
    name: 'Marco Rossi',
    role: 'technician',
    queueIds: [QUEUE.field],
    department: 'Field Services',
  },
  {
    id: 'u-jonas',
    email: 'jonas.weber@demo.local',
    name: 'Jonas Weber',
    role: 'technician',
    queueIds: [QUEUE.field, QUEUE.hardware],
    department: 'Field Services',
  },
];

const EMPLOYEES: [string, string, string][] = [
  ['u-requester', 'Rita Requester', 'Finance'],
  ['u-emp-01', 'Hannah Klein', 'Sales'],
  ['u-emp-02', 'David Okafor', 'Logistics'],
  ['u-emp-03', 'Mei Lin', 'Marketing'],
  ['u-emp-04', 'Carlos Mendes', 'Warehouse Hamburg'],
  ['u-emp-05', 'Sofia Nowak', 'Human Resources'],
  ['u-emp-06', 'Felix Braun', 'Legal'],
  ['u-emp-07', 'Aisha Rahman', 'Customer Support'],
  ['u-emp-08', 'Lukas Schmidt', 'Engineering'],
  ['u-emp-09', 'Emma Fischer', 'Finance'],
  ['u-emp-10', 'Noah Wagner', 'Branch Munich'],
  ['u-emp-11', 'Olivia Becker', 'Procurement'],
  ['u-emp-12', 'Yusuf Demir', 'Warehouse Hamburg'],
];

export function demoUsers(now: Date): User[] {
  const updatedAt = now.toISOString();
  const employees: DemoPerson[] = EMPLOYEES.map(([id, name, department]) => ({
    id,
    email: id === 'u-requester' ? 'requester@demo.local' : `${name.toLowerCase().replace(' ', '.')}@demo.local`,
    name,
    role: 'requester',
    queueIds: [],
    department,
  }));
  return [...STAFF, ...employees].map((person) => ({ ...person, active: true, updatedAt }));
}

export function demoCatalog(now: Date): ServiceCatalogItem[] {
  const updatedAt = now.toISOString();
  const item = (
    id: string,
    fields: Omit<ServiceCatalogItem, 'id' | 'updatedAt' | 'active' | 'ticketType'> &
      Partial<Pick<ServiceCatalogItem, 'ticketType'>>,
  ): ServiceCatalogItem => ({ id, ticketType: 'service_request', active: true, updatedAt, ...fields });
  return [
    item('cat-new-laptop', {
      name: 'New laptop',
      description: 'A standard or performance laptop for a new starter or a replacement.',
      category: 'Hardware',
      defaultQueueId: QUEUE.hardware,
      impact: 3,
      urgency: 2,
      fields: [
        { key: 'model', label: 'Model', kind: 'select', required: true, options: ['Standard 14"', 'Performance 16"'] },
        { key: 'neededBy', label: 'Needed by', kind: 'date', required: true },
        { key: 'reason', label: 'Reason', kind: 'textarea', required: false, maxLength: 1000 },
      ],
    }),
    item('cat-software', {
      name: 'Software installation',
      description: 'Install licensed software from the approved list.',
      category: 'Software',
      defaultQueueId: QUEUE.serviceDesk,
      impact: 3,
      urgency: 3,
      fields: [
        { key: 'product', label: 'Product', kind: 'text', required: true, maxLength: 120 },
        { key: 'licenseApproved', label: 'Licence approved by my manager', kind: 'checkbox', required: true },
      ],
    }),
    item('cat-vpn', {
      name: 'VPN access',
      description: 'Remote access to the company network.',
      category: 'Access',
      defaultQueueId: QUEUE.network,
      impact: 3,
      urgency: 2,
      fields: [{ key: 'justification', label: 'Why do you need it?', kind: 'textarea', required: true }],
    }),
    item('cat-password', {
      name: 'Password reset',
      description: 'Reset a password for a business application.',
      category: 'Access',
      defaultQueueId: QUEUE.serviceDesk,
      impact: 3,
      urgency: 1,
      fields: [{ key: 'application', label: 'Application', kind: 'text', required: true, maxLength: 80 }],
    }),
    item('cat-phone', {
      name: 'Mobile phone',
      description: 'A company smartphone with a data plan.',
      category: 'Hardware',
      defaultQueueId: QUEUE.hardware,
      impact: 3,
      urgency: 3,
      fields: [
        { key: 'platform', label: 'Platform', kind: 'select', required: true, options: ['iOS', 'Android'] },
        { key: 'costCentre', label: 'Cost centre', kind: 'text', required: true, maxLength: 20 },
      ],
    }),
    item('cat-network-port', {
      name: 'Network port activation',
      description: 'Patch and activate a wall port for a desk or device.',
      category: 'Network',
      defaultQueueId: QUEUE.network,
      impact: 3,
      urgency: 3,
      fields: [
        { key: 'portLabel', label: 'Port label', kind: 'text', required: true, maxLength: 20 },
        { key: 'building', label: 'Building', kind: 'text', required: true, maxLength: 80 },
      ],
    }),
    item('cat-onsite', {
      name: 'On-site visit',
      description: 'A technician visits a branch office or warehouse.',
      category: 'Field',
      defaultQueueId: QUEUE.field,
      impact: 2,
      urgency: 3,
      fields: [
        { key: 'site', label: 'Site', kind: 'text', required: true, maxLength: 80 },
        { key: 'preferredDate', label: 'Preferred date', kind: 'date', required: false },
        { key: 'people', label: 'People affected', kind: 'number', required: false, min: 1, max: 5000 },
      ],
    }),
    item('cat-monitor', {
      name: 'Additional monitor',
      description: 'A second screen for your desk.',
      category: 'Hardware',
      defaultQueueId: QUEUE.hardware,
      impact: 3,
      urgency: 3,
      fields: [{ key: 'size', label: 'Size', kind: 'select', required: true, options: ['24"', '27"'] }],
    }),
  ];
}
