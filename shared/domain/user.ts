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
