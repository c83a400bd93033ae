import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../server/app';
import type { Engine } from '../../server/db/database';
import { openDatabase } from '../../server/db/open';
import { TEST_ENGINES } from '../../server/db/test-databases';
import { DEMO_API_KEY } from '../../server/demo/intake-seed';
import type { User } from '../../shared/domain/user';
import type { LoginResponse } from '../../shared/server-api/auth';
import { Api } from './harness';
import { environment, type ProcessStorage, processStorage, runServer, runTool } from './processes';

/**
 * `npm run admin` as an operator runs it (a separate process) on a new desk and on a running one: the first admin,
 * staff with queues, password resets and deactivation that end sessions, input refused with the field named.
 */
const admin = (storage: ProcessStorage, args: string[], input?: string) =>
  runTool('server/cli/admin.ts', [...args, ...storage.args], { env: storage.env, ...(input ? { input } : {}) });

const login = (url: string, email: string, password: string) =>
  new Api(url).post<LoginResponse & { error: string }>('/api/auth/login', { email, password });

async function users(storage: ProcessStorage): Promise<User[]> {
  const db = await openDatabase(storage.options);
  try {
    return (await db.query<{ doc: User }>('SELECT doc FROM users ORDER BY id')).rows.map((row) => row.doc);
  } finally {
    await db.close();
  }
}

/** Storages and in-process servers for one describe block, each removed after its test. */
function desks(engine: Engine) {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    /** Runs `cleanup` after the test. */
    afterTest(cleanup: () => Promise<unknown>): void {
      cleanups.push(cleanup);
    },
    async newStorage(): Promise<ProcessStorage> {
      const storage = await processStorage(engine);
      cleanups.push(() => storage.drop());
      return storage;
    },
    /** A server in this process on the storage (a PGlite directory is free again once it is closed). */
    async serve(storage: ProcessStorage, demo = false): Promise<RunningServer> {
      const server = await startServer({
        ...storage.options,
        port: 0,
        logger: false,
        slaIntervalMs: 0,
        ...(demo ? { demo: { tickets: 0 } } : {}),
      });
      cleanups.push(() => server.close());
      return server;
    },
  };
}

describe.each(TEST_ENGINES)('npm run admin on %s', (engine: Engine) => {
  const { afterTest, newStorage, serve } = desks(engine);

  it('creates the first admin of a new desk: the server refused to start before, names the command, and starts after', async () => {
    const storage = await newStorage();
    const refused = await runServer(['--port', '0', ...storage.args], storage.env).refusal();
    expect(refused).toMatchObject({ started: false, code: 1 });
    expect(refused.stderr).toContain('This desk has no active admin');
    expect(refused.stderr).toContain(
      'npm run admin -- create-user --role admin --email you@example.com --name "Your Name"',
    );
    expect(refused.stderr).toContain(
      engine === 'pglite' ? `--data-dir ${JSON.stringify(storage.options.dataDir)}` : 'with the same DATABASE_URL set',
    );

    const created = await admin(
      storage,
      ['create-user', '--role', 'admin', '--email', 'ops@example.com', '--name', 'Olga Ops'],
      'a long passphrase\n',
    );
    expect(created.stderr).toBe('');
    expect(created.stdout.trim()).toBe('Created admin ops@example.com (Olga Ops).');
    expect((await admin(storage, ['list-users'])).stdout).toMatch(/ops@example\.com\s+Olga Ops\s+admin\s+active/);

    const server = runServer(['--port', '0', ...storage.args], storage.env);
    afterTest(() => server.stop());
    const url = await server.ready;
    const signedIn = await login(url, 'ops@example.com', 'a long passphrase');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({ email: 'ops@example.com', role: 'admin', active: true });
    // No demo account or demo API key exists without --demo.
    expect((await login(url, 'admin@demo.local', 'demo1234')).status).toBe(401);
    const intake = await fetch(`${url}/api/intake/tickets`, {
      method: 'POST',
      headers: { 'x-api-key': DEMO_API_KEY, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(intake.status).toBe(401);
  }, 180_000);

  it('creates staff with their queues, and refuses bad input naming the problem, writing nothing', async () => {
    const storage = await newStorage();
    await (await serve(storage, true)).close();
    const before = await users(storage);

    const refused = async ([flags, message]: [string[], string]) => {
      const finished = await admin(storage, ['create-user', ...flags], 'a long passphrase\n');
      expect({ flags, code: finished.code, stderr: finished.stderr }).toMatchObject({
        code: 1,
        stderr: expect.stringContaining(message),
      });
    };
    // Checked before the database is opened: these run side by side even on one PGlite directory.
    await Promise.all(
      (
        [
          [
            ['--email', 'not-an-email', '--name', 'X', '--role', 'agent'],
            'Invalid user: email: must be an email address',
          ],
          [['--email', 'x@example.com', '--role', 'agent'], 'Invalid user: name:'],
          [['--email', 'x@example.com', '--name', 'X', '--role', 'boss'], 'Invalid user: role:'],
          [['--email', 'x@example.com', '--name', 'X', '--role', 'requester', '--queues', 'q-network'], 'requesters'],
        ] satisfies [string[], string][]
      ).map(refused),
    );
    // Checked against the desk.
    await refused([
      ['--email', 'x@example.com', '--name', 'X', '--role', 'agent', '--queues', 'q-nowhere'],
      '--queues: there is no queue q-nowhere',
    ]);
    await refused([
      ['--email', 'AGENT@demo.local', '--name', 'X', '--role', 'agent'],
      'AGENT@demo.local already has an account',
    ]);
    expect(await users(storage)).toEqual(before);

    const created = await admin(
      storage,
      [
        'create-user',
        '--role',
        'agent',
        '--email',
        'nia@example.com',
        '--name',
        'Nia',
        '--queues',
        'q-network,q-hardware',
      ],
      'nias password\n',
    );
    expect(created.stdout.trim()).toBe('Created agent nia@example.com (Nia; queues q-network, q-hardware).');
    const server = await serve(storage);
    const signedIn = await login(server.url, 'nia@example.com', 'nias password');
    expect(signedIn.body.user).toMatchObject({ role: 'agent', queueIds: ['q-network', 'q-hardware'] });
  }, 180_000);

  it('a new password or a deactivation ends the user’s sessions; reactivating lets them in again; the last admin stays', async () => {
    const storage = await newStorage();
    let server = await serve(storage, true);
    const oldToken = (await login(server.url, 'agent@demo.local', 'demo1234')).body.token;
    await server.close();

    const reset = await admin(storage, ['reset-password', '--email', 'agent@demo.local'], 'fresh password 1\n');
    expect(reset.stdout).toContain('New password set for agent@demo.local; their sessions are ended');
    server = await serve(storage);
    expect((await new Api(server.url, oldToken).get<{ error: string }>('/api/auth/me')).status).toBe(401);
    expect((await login(server.url, 'agent@demo.local', 'demo1234')).status).toBe(401);
    const newToken = (await login(server.url, 'agent@demo.local', 'fresh password 1')).body.token;
    await server.close();

    const deactivated = await admin(storage, ['deactivate', '--email', 'agent@demo.local']);
    expect(deactivated.stdout).toContain('agent@demo.local is deactivated');
    server = await serve(storage);
    expect((await new Api(server.url, newToken).get('/api/auth/me')).status).toBe(401);
    // A disabled account answers like a wrong password (admin.test.ts).
    expect(await login(server.url, 'agent@demo.local', 'fresh password 1')).toMatchObject({
      status: 401,
      body: { error: 'Email or password is incorrect' },
    });
    await server.close();

    expect((await admin(storage, ['reactivate', '--email', 'agent@demo.local'])).stdout).toContain('active again');
    const lastAdmin = await admin(storage, ['deactivate', '--email', 'admin@demo.local']);
    expect(lastAdmin.code).toBe(1);
    expect(lastAdmin.stderr).toContain('admin@demo.local is the only active admin: make another user an admin first');
    const unknown = await admin(storage, ['reset-password', '--email', 'nobody@example.com'], 'whatever123\n');
    expect(unknown.stderr).toContain('There is no user nobody@example.com');
    server = await serve(storage);
    expect((await login(server.url, 'agent@demo.local', 'fresh password 1')).status).toBe(200);
    expect((await login(server.url, 'admin@demo.local', 'demo1234')).status).toBe(200);
  }, 240_000);
});

describe('npm run admin on a PGlite directory', () => {
  const { newStorage, serve } = desks('pglite');

  it('refuses a data directory a running server holds, and says to stop it or use PostgreSQL', async () => {
    const storage = await newStorage();
    await serve(storage, true);
    const refused = await admin(storage, ['list-users']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`is in use by process ${process.pid}`);
    expect(refused.stderr).toContain('stop the server, run the command, start the server again');
    expect(refused.stderr).toContain('DATABASE_URL');
  }, 120_000);
});

// Beside running servers needs a database several processes share: PostgreSQL, set in CI (as for two-process.test.ts).
describe.runIf(process.env.DATABASE_URL)('npm run admin beside servers on PostgreSQL', () => {
  const { newStorage, serve } = desks('postgres');

  it('beside running servers, a new password ends the user’s signed-in session at once', async () => {
    const storage = await newStorage();
    const server = await serve(storage, true);
    const agent = await Api.login(server.url, 'agent@demo.local');
    expect((await agent.get('/api/auth/me')).status).toBe(200);
    await admin(storage, ['reset-password', '--email', 'agent@demo.local'], 'fresh password 2\n');
    await expect.poll(async () => (await agent.get('/api/auth/me')).status, { timeout: 10_000 }).toBe(401);
  }, 120_000);
});

describe('npm run admin and passwords', () => {
  it('never takes a password from its arguments', async () => {
    const refused = await runTool('server/cli/admin.ts', [
      'create-user',
      '--role',
      'admin',
      '--email',
      'ops@example.com',
      '--name',
      'Ops',
      '--password=hunter22',
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Passwords are never given as arguments');
  });

  it('asks for it twice at a terminal without showing it, and refuses two that differ', async () => {
    const storage = await processStorage('pglite');
    try {
      const typed = async (answers: string[]) => {
        const command = `node --import tsx server/cli/admin.ts create-user --role agent --email tty@example.com --name Tty ${storage.args.join(' ')}`;
        // `script` runs the command on a pseudo-terminal, as a person at a shell would.
        const child = spawn('script', ['-qfec', command, '/dev/null'], {
          env: environment(storage.env),
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let screen = '';
        const prompts = ['Password for tty@example.com:', 'Type it again:'];
        child.stdout.on('data', (chunk: Buffer) => {
          screen += chunk.toString();
          const next = prompts[0];
          if (next && screen.includes(next)) {
            prompts.shift();
            child.stdin.write(`${answers.shift()}\r`);
          }
        });
        const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
        return { code, screen };
      };
      const differing = await typed(['first secret 1', 'second secret 2']);
      expect(differing.code).toBe(1);
      expect(differing.screen).toContain('The two passwords differ: nothing was changed');
      const same = await typed(['typed secret 1', 'typed secret 1']);
      expect(same.code).toBe(0);
      expect(same.screen).toContain('Created agent tty@example.com');
      expect(`${differing.screen}${same.screen}`).not.toMatch(/secret/);
    } finally {
      await storage.drop();
    }
  }, 120_000);
});
