import { describe, expect, it, vi } from 'vitest';
import { secretCipherFor } from './secret-cipher';

function safeStorage(backend: 'basic_text' | 'gnome_libsecret', available = true) {
  return {
    isAsyncEncryptionAvailable: vi.fn(async () => available),
    encryptStringAsync: vi.fn(async (text: string) => Buffer.from(text)),
    decryptStringAsync: vi.fn(async (data: Buffer) => ({ result: data.toString(), shouldReEncrypt: false })),
    getSelectedStorageBackend: vi.fn(() => backend),
  };
}

describe('safeStorage cipher', () => {
  it('counts Linux without a keyring (basic_text, a hard-coded key) as no encryption', async () => {
    expect(await secretCipherFor(safeStorage('basic_text'), 'linux').isAvailable()).toBe(false);
    expect(await secretCipherFor(safeStorage('gnome_libsecret'), 'linux').isAvailable()).toBe(true);
    expect(await secretCipherFor(safeStorage('basic_text'), 'win32').isAvailable()).toBe(true);
    expect(await secretCipherFor(safeStorage('gnome_libsecret', false), 'darwin').isAvailable()).toBe(false);
  });

  it('round-trips through safeStorage', async () => {
    const cipher = secretCipherFor(safeStorage('gnome_libsecret'), 'linux');
    expect(await cipher.decrypt(await cipher.encrypt('secret'))).toEqual({ text: 'secret', shouldReEncrypt: false });
  });
});
