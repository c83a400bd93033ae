/**
 * `npm run admin -- <command> [flags]`: user accounts from the command line, for the first admin of a new desk and
 * whenever no admin can sign in. Works on DATABASE_URL when set (beside running servers), else on the PGlite data
 * directory (--data-dir, DATA_DIR, ./data), which a running server holds: stop it first.
 * Passwords are never arguments: a prompt without echo, or the first line of stdin (password-input.ts).
 */
import { parseArgs } from 'node:util';
import { DataDirLockedError } from '../db/data-dir-lock';
import type { Database } from '../db/database';
import { migrate } from '../db/migrate';
import { describeStorage, openDatabase, storageFrom } from '../db/open';
import { HttpError } from '../http/errors';
import {
  checkNewUser,
  createUser,
  existingUser,
  listQueues,
  listUsers,
  newUserFields,
  requiredEmail,
  resetPassword,
  setActive,
} from './admin-commands';
import { InputError, readPassword } from './password-input';

const USAGE = `Usage: npm run admin -- <command> [flags]

  create-user --email <email> --name <name> --role <role> [--queues <id,id>] [--department <text>] [--id <id>]
      roles: requester, agent, technician, supervisor, admin; queues (staff only): see list-queues
  reset-password --email <email>      sets a new password and ends the user's sessions
  deactivate --email <email>          the user can no longer sign in; their sessions end
  reactivate --email <email>
  list-users
  list-queues

The password is typed at a prompt (not shown), or piped in as the first line of stdin; never an argument.
Storage: DATABASE_URL when set (PostgreSQL), else the PGlite directory --data-dir <dir> (default ./data; stop the
server on it first).`;

const FLAGS = {
  email: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string' },
  queues: { type: 'string' },
  department: { type: 'string' },
  id: { type: 'string' },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof FLAGS; allowPositionals: true }>>['values'];

/** Each command checks its flags first (before the database is opened or a password asked for), then runs. */
const COMMANDS: Record<string, (flags: Flags) => (db: Database) => Promise<string>> = {
  'create-user': (flags) => {
    const fields = newUserFields(flags);
    return async (db) => {
      await checkNewUser(db, fields);
      return createUser(db, fields, await readPassword(`Password for ${fields.email}`));
    };
  },
  'reset-password': (flags) => {
    const email = requiredEmail(flags);
    return async (db) => {
      const user = await existingUser(db, email);
      return resetPassword(db, user, await readPassword(`New password for ${user.email}`));
    };
  },
  deactivate: (flags) => {
    const email = requiredEmail(flags);
    return async (db) => setActive(db, await existingUser(db, email), false);
  },
  reactivate: (flags) => {
    const email = requiredEmail(flags);
    return async (db) => setActive(db, await existingUser(db, email), true);
  },
  'list-users': () => listUsers,
  'list-queues': () => listQueues,
};

async function main(argv: string[]): Promise<number> {
  if (argv.some((arg) => /^--password(=|$)/.test(arg))) {
    console.error(
      'Passwords are never given as arguments (shell history and process lists would show them): ' +
        'leave out --password and type it at the prompt, or pipe it in on stdin.',
    );
    return 2;
  }
  let parsed: ReturnType<typeof parseArgs<{ options: typeof FLAGS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: FLAGS, allowPositionals: true, strict: true });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n\n${USAGE}`);
    return 2;
  }
  const [name, ...extra] = parsed.positionals;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (parsed.values.help || !command || extra.length > 0) {
    if (name !== undefined && !command) console.error(`Unknown command: ${name}\n`);
    (parsed.values.help ? console.log : console.error)(USAGE);
    return parsed.values.help ? 0 : 2;
  }
  let run: (db: Database) => Promise<string>;
  try {
    run = command(parsed.values);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    console.error(error.message);
    return 1;
  }
  const storage = storageFrom(parsed.values['data-dir'], process.env);
  let db: Database;
  try {
    db = await openDatabase(storage);
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    console.error(
      `${error.message}\nnpm run admin opens the PGlite data directory itself: stop the server, run the command, ` +
        'start the server again. (On PostgreSQL, with DATABASE_URL, it works beside running servers.)',
    );
    return 1;
  }
  try {
    await migrate(db);
    console.log(await run(db));
    return 0;
  } catch (error) {
    if (error instanceof InputError || error instanceof HttpError) {
      console.error(`${error.message} (${describeStorage(storage)})`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
