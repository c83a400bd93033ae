import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The requester portal (server/portal), built for the server to serve at /portal/ (`portalRoot: dist/portal`). */
export default defineConfig({
  root: resolve(import.meta.dirname, 'server/portal'),
  base: '/portal/',
  plugins: [react()],
  build: {
    target: 'es2023',
    outDir: resolve(import.meta.dirname, 'dist/portal'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
