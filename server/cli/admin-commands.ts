/**
 * The admin command line's commands: users are created, given a new password, deactivated and reactivated through
 * the same write as the admin API (admin/user-write.ts: audited, replicated, sessions ended, a deactivated user's
 * open tickets unassigned). Input is checked with the shared schemas before a password is asked for, so a typo in an
 * email costs no typing.
 */
import { randomUUID } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import type { User } from '../../shared/domain/user';
import { UserInputSchema } from '../../shared/server-api/admin';
import { describeIssues } from '../../shared/validation';
import { missing } from '../admin/references';
import { findUserByEmail, saveUser } from '../admin/user-write';
import type { Writer } from '../admin/write';
import type { Database } from '../db/database';
import { InputError } from './password-input';

export interface CreateUserFlags {
  email?: string | undefined;
  name?: string | undefined;
  role?: string | undefined;
  queues?: string | undefined;
  department?: string | undefined;
  id?: string | undefined;
}

/** Who made a change, in the audit log: the system, from this command on this machine as this OS user. */
export function cliWriter(): Writer {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry for this uid (some containers): the host still says where the change came from.
  }
  return { actorId: 'system', deviceId: `admin-cli ${user}@${hostname()}`.slice(0, 64) };
}

const NewUserSchema = UserInputSchema.omit({ password: true });

type NewUser = ReturnType<typeof NewUserSchema.parse>;

/** Checks a new user against the desk (a free email, existing queues) before any password is typed. */
export async function checkNewUser(db: Database, fields: NewUser): Promise<void> {
  if (await findUserByEmail(db, fields.email))
    throw new InputError(`${fields.email} already has an account: use reset-password or reactivate`);
  const unknown = await missing(db, 'queues', 'queues', fields.queueIds, 'queue');
  if (unknown.length > 0)
    throw new InputError(`--queues: ${unknown.map((issue) => issue.message).join(', ')} (list-queues shows them)`);
}

/** Checks a new user's fields with the shared schema; throws an InputError naming each bad one. */
export function newUserFields(flags: CreateUserFlags): NewUser {
  const queueIds = (flags.queues ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  if (flags.role === 'requester' && queueIds.length > 0)
    throw new InputError('--queues: requesters work in the portal and have no queues');
  const parsed = NewUserSchema.safeParse({
    ...(flags.id === undefined ? {} : { id: flags.id }),
    email: flags.email,
    name: flags.name,
    role: flags.role,
    queueIds,
    department: flags.department ?? '',
    active: true,
  });
  if (!parsed.success)
    throw new InputError(`Invalid user: ${describeIssues(parsed.error).replaceAll('queueIds', 'queues')}`);
  return parsed.data;
}

export async function createUser(db: Database, fields: NewUser, password: string): Promise<string> {
  const { id = randomUUID(), ...rest } = fields;
  const { user } = await saveUser(db, { id, creating: true, fields: rest, password }, cliWriter());
  return `Created ${summary(user)}.`;
}

export function requiredEmail(flags: { email?: string | undefined }): string {
  if (!flags.email) throw new InputError('--email is required: the user to change');
  return flags.email;
}

/** The user with this email, or an InputError saying there is none. */
export async function existingUser(db: Database, email: string): Promise<User> {
  const user = await findUserByEmail(db, email);
  if (!user) throw new InputError(`There is no user ${email}: npm run admin -- list-users shows who there is`);
  return user;
}

export async function resetPassword(db: Database, user: User, password: string): Promise<string> {
  await saveUser(db, { id: user.id, creating: false, fields: publicFields(user), password }, cliWriter());
  return `New password set for ${user.email}; their sessions are ended, they sign in again with it.`;
}

export async function setActive(db: Database, user: User, active: boolean): Promise<string> {
  if (user.active === active) return `${user.email} is already ${active ? 'active' : 'deactivated'}; nothing changed.`;
  const saved = await saveUser(
    db,
    { id: user.id, creating: false, fields: { ...publicFields(user), active } },
    cliWriter(),
  );
  return active
    ? `${user.email} is active again and can sign in.`
    : `${user.email} is deactivated: their sessions are ended and they cannot sign in. ${unassigned(saved.unassignedTickets)}`;
}

export async function listUsers(db: Database): Promise<string> {
  const result = await db.query<{ doc: User }>('SELECT doc FROM users WHERE NOT deleted ORDER BY role, lower(email)');
  if (result.rows.length === 0)
    return 'No users yet: create the first admin with npm run admin -- create-user --role admin …';
  return table([
    ['EMAIL', 'NAME', 'ROLE', 'STATUS', 'QUEUES'],
    ...result.rows.map(({ doc }) => [
      doc.email,
      doc.name,
      doc.role,
      doc.active ? 'active' : 'deactivated',
      doc.queueIds.join(','),
    ]),
  ]);
}

export async function listQueues(db: Database): Promise<string> {
  const result = await db.query<{ id: string; name: string }>(
    "SELECT id, doc->>'name' AS name FROM queues WHERE NOT deleted ORDER BY id",
  );
  if (result.rows.length === 0) return 'No queues yet: an admin creates them (POST /api/admin/queues, docs/portal.md).';
  return table([['ID', 'NAME'], ...result.rows.map((row) => [row.id, row.name])]);
}

/** What a change did to the person's open tickets (ticket-writes/unassign.ts). */
const unassigned = (count: number) =>
  count === 0
    ? 'They held no open tickets.'
    : `${count} open ticket${count === 1 ? ' of theirs was' : 's of theirs were'} unassigned and wait${count === 1 ? 's' : ''} in ${count === 1 ? 'its queue' : 'their queues'}.`;

const publicFields = ({ id: _id, updatedAt: _updatedAt, ...fields }: User) => fields;

const summary = (user: User) =>
  `${user.role} ${user.email} (${user.name}${user.queueIds.length > 0 ? `; queues ${user.queueIds.join(', ')}` : ''})`;

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
