import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { rendererConfig } from './vite.renderer.ts';

/** The service worker's file, at the root of the web build so its scope is the whole app (`/`). */
export const SERVICE_WORKER_FILE = 'sw.js';

/**
 * The renderer alone, built for a browser: served by the server at `/` (`npm run web`, and `npm start` without Electron).
 *
 * Only this build has a service worker (the desktop build loads its files from app://, never from a server): Workbox's
 * precache holds the app shell (index.html, scripts, styles, fonts) so the page opens while the server is down, and
 * navigations inside the app answer with the cached index.html. Nothing under /api/ or /portal/ is touched: the data
 * lives in the replica (IndexedDB), and the portal is another app. The page registers the worker itself
 * (renderer/src/platform/service-worker.ts, told by VITE_SERVICE_WORKER); a new version waits until the page asks it to
 * take over, so a deploy never reloads a technician's page under their hands.
 */
export default defineConfig({
  ...rendererConfig,
  define: { 'import.meta.env.VITE_SERVICE_WORKER': JSON.stringify(SERVICE_WORKER_FILE) },
  plugins: [
    ...rendererConfig.plugins,
    VitePWA({
      strategies: 'generateSW',
      filename: SERVICE_WORKER_FILE,
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,woff,woff2,png,svg,ico}'],
        // The app's main chunk is larger than Workbox's 2 MiB default; a shell that is not all cached does not open.
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/api(\/|$)/, /^\/portal(\/|$)/],
        cleanupOutdatedCaches: true,
        clientsClaim: false,
        skipWaiting: false,
      },
    }),
  ],
  build: { ...rendererConfig.build, outDir: resolve(import.meta.dirname, 'dist/web'), emptyOutDir: true },
});
