import { type Role, SUPERVISING_ROLES } from './user';

/**
 * What each role may open beyond working tickets: one table that the server's checks (a ticket's history) and the
 * workstation's screens, keys, command palette and `?` list all read, so they never disagree.
 */
export const FEATURES = {
  /** Load per agent and per queue, and redistributing unassigned tickets (a workstation screen). */
  workload: { title: 'Workload', roles: SUPERVISING_ROLES, who: 'supervisors and admins' },
  /** A ticket's audit trail (`GET /api/tickets/:id/history`). */
  ticketHistory: { title: 'Ticket history', roles: SUPERVISING_ROLES, who: 'supervisors and admins' },
} as const satisfies Record<string, { title: string; roles: readonly Role[]; who: string }>;

export type Feature = keyof typeof FEATURES;

export const mayUse = (role: Role, feature: Feature): boolean => FEATURES[feature].roles.includes(role);

/** "Only supervisors and admins": how a refusal starts. */
export const onlyFor = (feature: Feature): string => `Only ${FEATURES[feature].who}`;
