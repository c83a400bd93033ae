import { afterEach, describe, expect, it } from 'vitest';
import type { WorkstationApi } from '../../../shared/ipc/contract';
import { getPlatform } from './index';

afterEach(() => {
  Reflect.deleteProperty(window, 'workstation');
});

describe('getPlatform', () => {
  it('uses the browser implementation outside the desktop shell, always the same one', () => {
    expect(getPlatform().shell).toBe('web');
    expect(getPlatform()).toBe(getPlatform());
  });

  it('uses window.workstation when the desktop preload exposed it', () => {
    // Only identity matters here; the desktop object comes from the preload.
    const desktop = { shell: 'desktop' } as WorkstationApi;
    Object.defineProperty(window, 'workstation', { value: desktop, configurable: true });
    expect(getPlatform()).toBe(desktop);
  });
});
