import { build } from 'vite';

/**
 * Builds what the e2e tests load. A list so other pages (e.g. the web build of the app) can be added as one more
 * entry; each entry is a Vite config file, built in order.
 */
export interface E2eBuild {
  name: string;
  configFile: string;
}

export const E2E_BUILDS: E2eBuild[] = [
  { name: 'store harness', configFile: new URL('./harness/vite.config.ts', import.meta.url).pathname },
  { name: 'web app', configFile: new URL('../../vite.web.config.ts', import.meta.url).pathname },
  { name: 'requester portal', configFile: new URL('../../vite.portal.config.ts', import.meta.url).pathname },
];

export async function runBuilds(builds: readonly E2eBuild[] = E2E_BUILDS): Promise<void> {
  for (const entry of builds) {
    await build({ configFile: entry.configFile, logLevel: 'warn' });
  }
}

export default async function globalSetup(): Promise<void> {
  await runBuilds();
}
