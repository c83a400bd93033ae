import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type SecretCipher, TokenStore } from './token-store';

const TOKEN = 'sess_0123456789abcdef0123456789abcdef';

/** A stand-in for the OS keychain: reversible, and visibly not plaintext. */
function fakeCipher(available = true): SecretCipher & { failDecrypt: boolean } {
  const cipher = {
    failDecrypt: false,
    isAvailable: async () => available,
    encrypt: async (text: string) => new Uint8Array(Buffer.from(`enc:${Buffer.from(text).toString('base64')}`)),
    decrypt: async (data: Uint8Array) => {
      if (cipher.failDecrypt) throw new Error('key changed');
      return { text: Buffer.from(Buffer.from(data).toString().slice(4), 'base64').toString(), shouldReEncrypt: false };
    },
  };
  return cipher;
}

const dir = () => join(mkdtempSync(join(tmpdir(), 'tokens-')), 'tokens');
const filesIn = (path: string) => {
  try {
    return readdirSync(path).map((name) => readFileSync(join(path, name), 'utf8'));
  } catch {
    return [];
  }
};

describe('token store', () => {
  it('stores tokens encrypted, per server, and reads them back in a new session', async () => {
    const path = dir();
    await new TokenStore(path, fakeCipher(), () => {}).set('https://desk.example.com/', TOKEN);
    expect(filesIn(path)).toHaveLength(1);
    expect(filesIn(path)[0]).not.toContain(TOKEN);

    const later = new TokenStore(path, fakeCipher(), () => {});
    expect(await later.get('https://desk.example.com')).toBe(TOKEN); // same server, other spelling
    expect(await later.get('https://test-desk.example.com')).toBeNull();
  });

  it('never writes a token when the OS cannot encrypt: memory only, and says so', async () => {
    const path = dir();
    const warnings: string[] = [];
    const store = new TokenStore(path, fakeCipher(false), (m) => warnings.push(m));
    await store.set('https://desk.example.com', TOKEN);
    expect(await store.get('https://desk.example.com')).toBe(TOKEN);
    expect(filesIn(path)).toEqual([]);
    expect(warnings).toEqual([
      'OS encryption is unavailable: the session token is kept in memory only, not saved to disk',
    ]);
    expect(await new TokenStore(path, fakeCipher(false), () => {}).get('https://desk.example.com')).toBeNull();
  });

  it('clears a token from memory and disk', async () => {
    const path = dir();
    const store = new TokenStore(path, fakeCipher(), () => {});
    await store.set('https://desk.example.com', TOKEN);
    await store.clear('https://desk.example.com');
    expect(await store.get('https://desk.example.com')).toBeNull();
    expect(filesIn(path)).toEqual([]);
  });

  it('discards a token that can no longer be decrypted', async () => {
    const path = dir();
    await new TokenStore(path, fakeCipher(), () => {}).set('https://desk.example.com', TOKEN);
    const cipher = fakeCipher();
    cipher.failDecrypt = true;
    expect(await new TokenStore(path, cipher, () => {}).get('https://desk.example.com')).toBeNull();
    expect(filesIn(path)).toEqual([]);
  });
});
