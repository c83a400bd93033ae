import type { WorkstationApi } from '../../../shared/ipc/contract';

declare global {
  interface Window {
    /** Exposed by the desktop shell's preload; absent in a plain browser. */
    readonly workstation?: WorkstationApi;
  }
}
