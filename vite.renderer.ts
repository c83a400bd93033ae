import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';

/** The renderer's Vite settings, shared by the desktop build (electron-vite) and the browser build (`npm run web`). */
export const rendererConfig = {
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    target: 'es2023',
    chunkSizeWarningLimit: 2000,
  },
} satisfies UserConfig;
