import { z } from 'zod';
import { IdSchema, InstantSchema, nonBlank } from './common';

/**
 * Roles. Requesters use the portal only; agents work the tickets of their queues; technicians (often in the field)
 * work the tickets assigned to them; supervisors see and reassign everything in the queues they supervise; admins
 * manage users, queues, SLA policies, calendars and the service catalog.
 */
export const ROLES = ['requester', 'agent', 'technician', 'supervisor', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const STAFF_ROLES: readonly Role[] = ['agent', 'technician', 'supervisor', 'admin'];
export const isStaff = (role: Role): boolean => STAFF_ROLES.includes(role);

/**
 * Supervisors and admins oversee the desk rather than a list of their own: they start on all tickets, are told about
 * every clock they can see, may reopen a closed ticket, and open the workload and history (shared/domain/access.ts).
 */
export const SUPERVISING_ROLES: readonly Role[] = ['supervisor', 'admin'];
export const canSupervise = (role: Role): boolean => SUPERVISING_ROLES.includes(role);

/** The public fields of a user: what replicates to workstations (never credentials). */
export const UserSchema = z.object({
  id: IdSchema,
  email: z.email({ message: 'must be an email address' }).max(254, 'must be at most 254 characters'),
  name: nonBlank(120),
  role: RoleSchema,
  /** Agents and technicians: queues they work. Supervisors: queues they supervise. */
  queueIds: z.array(IdSchema).max(100, 'must list at most 100 queues'),
  department: z.string().trim().max(120, 'must be at most 120 characters'),
  active: z.boolean(),
  updatedAt: InstantSchema,
});
export type User = z.infer<typeof UserSchema>;
