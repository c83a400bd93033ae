/**
 * A real desk starts only once it has an admin: without one nobody could sign in to manage it, and the only way in
 * used to be the demo desk's published accounts. The refusal says exactly what to run.
 */
import { resolve } from 'node:path';
import { DEFAULT_DATA_DIR, describeStorage, type StorageOptions } from '../db/open';

export function noAdminMessage(storage: StorageOptions): string {
  const dataDir =
    storage.databaseUrl || !storage.dataDir || resolve(storage.dataDir) === resolve(DEFAULT_DATA_DIR)
      ? ''
      : ` --data-dir ${JSON.stringify(storage.dataDir)}`;
  return [
    `This desk has no active admin (${describeStorage(storage)}), so nobody could sign in to manage it.`,
    'Create the first admin, then start the server again:',
    '',
    `  npm run admin -- create-user --role admin --email you@example.com --name "Your Name"${dataDir}`,
    '',
    `It asks for the password${storage.databaseUrl ? '; run it with the same DATABASE_URL set' : ''}.` +
      ' (For a demo desk with sample accounts instead, start the server with --demo.)',
  ].join('\n');
}
