import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../shared/ipc/contract';
import { createSettingsStore } from './settings-store';

const file = () => join(mkdtempSync(join(tmpdir(), 'settings-')), 'settings.json');

describe('settings store', () => {
  it('starts from defaults and persists changes', () => {
    const path = file();
    const store = createSettingsStore(path, () => {});
    expect(store.get()).toEqual({
      window: null,
      serverUrl: null,
      notifications: DEFAULT_NOTIFICATION_SETTINGS,
      closeToTray: true,
    });
    store.update((s) => ({ ...s, serverUrl: 'https://desk.example.com' }));
    expect(createSettingsStore(path, () => {}).get().serverUrl).toBe('https://desk.example.com');
    expect(statSync(path).mode & 0o077).toBe(0);
  });

  it('keeps the good fields of a damaged file and warns', () => {
    const path = file();
    writeFileSync(path, JSON.stringify({ serverUrl: 'ftp://nope', closeToTray: false, window: { x: 'left' } }));
    const warnings: string[] = [];
    const store = createSettingsStore(path, (m) => warnings.push(m));
    expect(store.get()).toMatchObject({ serverUrl: null, closeToTray: false, window: null });

    writeFileSync(path, '{ not json');
    expect(createSettingsStore(path, (m) => warnings.push(m)).get().closeToTray).toBe(true);
    expect(warnings.some((w) => w.startsWith('Ignoring unreadable'))).toBe(true);
  });

  it('refuses to store an invalid value', () => {
    const path = file();
    const store = createSettingsStore(path, () => {});
    expect(() => store.update((s) => ({ ...s, serverUrl: 'javascript:alert(1)' }))).toThrow();
    expect(() => readFileSync(path)).toThrow(); // nothing written
  });
});
