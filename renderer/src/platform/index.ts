import type { WorkstationApi } from '../../../shared/ipc/contract';
import { createWebPlatform } from './web';

let web: WorkstationApi | null = null;

/**
 * The platform the UI talks to: the desktop shell's `window.workstation` when the page runs in Electron, else the
 * browser implementation (created once). Both satisfy the same `WorkstationApi`, so the UI code is one.
 */
export function getPlatform(): WorkstationApi {
  if (window.workstation) return window.workstation;
  web ??= createWebPlatform();
  return web;
}
