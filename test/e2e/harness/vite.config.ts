import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Builds the store harness page into test/e2e/harness/dist (see global-setup.ts). */
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  logLevel: 'warn',
  // BENCH_READABLE=1 keeps names readable in CPU profiles.
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false, minify: !process.env.BENCH_READABLE },
});
