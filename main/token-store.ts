import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { normalizeServerUrl } from '../shared/ipc/contract';

/** OS-backed encryption (Electron's safeStorage behind `electronCipher`). */
export interface SecretCipher {
  /** Whether secrets can be encrypted with a real OS key (not a hard-coded one). */
  isAvailable(): Promise<boolean>;
  encrypt(plainText: string): Promise<Uint8Array>;
  decrypt(encrypted: Uint8Array): Promise<{ text: string; shouldReEncrypt: boolean }>;
}

/**
 * Session tokens, one per sync server, encrypted with the OS keychain in `dir`. When the OS offers no real encryption
 * the token is kept in memory for this session only and never written: a plaintext token on disk is worse than
 * signing in again.
 */
export class TokenStore {
  readonly #dir: string;
  readonly #cipher: SecretCipher;
  readonly #warn: (message: string) => void;
  readonly #memory = new Map<string, string>();

  constructor(dir: string, cipher: SecretCipher, warn: (message: string) => void) {
    this.#dir = dir;
    this.#cipher = cipher;
    this.#warn = warn;
  }

  async get(serverUrl: string): Promise<string | null> {
    const key = normalizeServerUrl(serverUrl);
    const remembered = this.#memory.get(key);
    if (remembered !== undefined) return remembered;
    let encrypted: Uint8Array;
    try {
      encrypted = await readFile(this.#fileFor(key));
    } catch {
      return null;
    }
    try {
      if (!(await this.#cipher.isAvailable())) return null;
      const { text, shouldReEncrypt } = await this.#cipher.decrypt(encrypted);
      this.#memory.set(key, text);
      if (shouldReEncrypt) await this.#persist(key, text);
      return text;
    } catch (error) {
      // The OS key changed (new keychain, another user): the stored token is useless, sign in again.
      this.#warn(`Discarding a stored token that can no longer be decrypted: ${String(error)}`);
      await rm(this.#fileFor(key), { force: true });
      return null;
    }
  }

  async set(serverUrl: string, token: string): Promise<void> {
    const key = normalizeServerUrl(serverUrl);
    this.#memory.set(key, token);
    if (await this.#cipher.isAvailable()) {
      await this.#persist(key, token);
    } else {
      this.#warn('OS encryption is unavailable: the session token is kept in memory only, not saved to disk');
      await rm(this.#fileFor(key), { force: true });
    }
  }

  async clear(serverUrl: string): Promise<void> {
    const key = normalizeServerUrl(serverUrl);
    this.#memory.delete(key);
    await rm(this.#fileFor(key), { force: true });
  }

  async #persist(key: string, token: string): Promise<void> {
    await mkdir(this.#dir, { recursive: true, mode: 0o700 });
    await writeFile(this.#fileFor(key), await this.#cipher.encrypt(token), { mode: 0o600 });
  }

  #fileFor(key: string): string {
    return join(this.#dir, `${createHash('sha256').update(key).digest('hex')}.token`);
  }
}
