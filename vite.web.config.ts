import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { rendererConfig } from './vite.renderer.ts';

/** The renderer alone, built for a browser: served by the server at `/` (`npm run web`, and `npm start` without Electron). */
export default defineConfig({
  ...rendererConfig,
  build: { ...rendererConfig.build, outDir: resolve(import.meta.dirname, 'dist/web'), emptyOutDir: true },
});
