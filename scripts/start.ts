/**
 * `npm start`: the workstation against an embedded sync server with demo data, in two commands from a fresh clone.
 *
 * Desktop when Electron's binary is available (it is fetched on first use); otherwise one line says why and the same
 * renderer is served as a web page on localhost. `npm run web` (`--web`) always takes the web path. Other flags go
 * to the server (`--port`, `--data-dir`, `--tickets`, …; see server/config.ts). Ctrl-C stops everything.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { startServer } from '../server/app';
import { configFrom } from '../server/config';
import { DEMO_PASSWORD, demoUsers } from '../server/demo/base-data';

const ROOT = resolve(import.meta.dirname, '..');
const ELECTRON_DIR = join(ROOT, 'node_modules', 'electron');

/** The Electron executable, downloading it first if allowed; or the reason it is not available. */
function findElectron(): { path: string } | { missing: string } {
  const installed = () => {
    const pathFile = join(ELECTRON_DIR, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const executable = join(ELECTRON_DIR, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(executable) ? executable : null;
  };
  if (!existsSync(ELECTRON_DIR)) return { missing: 'the electron package is not installed' };
  const present = installed();
  if (present) return { path: present };
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return { missing: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set' };
  console.log('Fetching the Electron binary (first run only)…');
  const download = spawnSync(process.execPath, [join(ELECTRON_DIR, 'install.js')], {
    stdio: 'pipe',
    timeout: 10 * 60_000,
  });
  const fetched = download.status === 0 ? installed() : null;
  return fetched ? { path: fetched } : { missing: 'it could not be downloaded on this machine' };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env });
    child.on('error', fail);
    child.on('exit', (code) => done(code ?? 1));
  });
}

function printLogins(url: string, portalUrl: string): void {
  const logins = demoUsers(new Date()).filter((u) => /^(agent|technician|supervisor|admin|requester)@/.test(u.email));
  console.log(`\n  ITSM Workstation is running at ${url}\n`);
  console.log(`  Requester portal: ${portalUrl}\n`);
  console.log(`  Demo sign-ins (password ${DEMO_PASSWORD}):`);
  for (const user of logins) console.log(`    ${user.role.padEnd(11)} ${user.email}`);
  console.log('\n  Press Ctrl-C to stop.\n');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const forceWeb = argv.includes('--web');
  const serverArgs = argv.filter((arg) => arg !== '--web');
  const config = configFrom(serverArgs, process.env);
  const options = {
    ...config,
    demo: config.demo ?? true,
    logger: { level: process.env.LOG_LEVEL ?? 'warn' },
  };

  const portalRoot = join(ROOT, 'dist', 'portal');
  const electron = forceWeb ? { missing: 'web mode was asked for' } : findElectron();
  if ('path' in electron) {
    const code = await run(process.execPath, [join(ROOT, 'node_modules', '.bin', 'electron-vite'), 'build']);
    if (code !== 0) process.exit(code);
    await build({ configFile: join(ROOT, 'vite.portal.config.ts'), logLevel: 'warn' });
    const server = await startServer({ ...options, portalRoot });
    console.log(
      `Sync server with demo data at ${server.url} (requester portal: ${server.url}/portal/); launching the desktop app.`,
    );
    const exit = await run(electron.path, [ROOT], { ...process.env, WORKSTATION_SERVER_URL: server.url });
    await server.close();
    process.exit(exit);
  }

  if (!forceWeb)
    console.log(`Electron is not available (${electron.missing}): serving the workstation as a web page instead.`);
  await build({ configFile: join(ROOT, 'vite.web.config.ts'), logLevel: 'warn' });
  await build({ configFile: join(ROOT, 'vite.portal.config.ts'), logLevel: 'warn' });
  const server = await startServer({ ...options, webRoot: join(ROOT, 'dist', 'web'), portalRoot });
  printLogins(server.url, `${server.url}/portal/`);
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
