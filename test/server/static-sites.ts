import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A tiny built web app (with a service worker and a hashed asset, as Vite names them) and portal in a temp directory, for servers started with `webRoot` and `portalRoot`. */
export function makeStaticSites(): { webRoot: string; portalRoot: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'itsm-static-'));
  mkdirSync(join(dir, 'web', 'assets'), { recursive: true });
  mkdirSync(join(dir, 'portal'), { recursive: true });
  writeFileSync(join(dir, 'web', 'index.html'), '<title>workstation</title>');
  writeFileSync(join(dir, 'web', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'web', 'assets', 'index-BzGW6NTp.js'), 'console.log(2)');
  writeFileSync(join(dir, 'web', 'sw.js'), 'self.addEventListener("fetch", () => {})');
  writeFileSync(join(dir, 'portal', 'index.html'), '<title>portal</title>');
  return {
    webRoot: join(dir, 'web'),
    portalRoot: join(dir, 'portal'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
