import type { SafeStorage } from 'electron';
import type { SecretCipher } from './token-store';

type SafeStorageApi = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

/**
 * Electron's safeStorage as a `SecretCipher`. On Linux without a keyring, Chromium falls back to `basic_text`, a
 * hard-coded key: that is treated as no encryption at all.
 */
export function secretCipherFor(safeStorage: SafeStorageApi, platform: NodeJS.Platform): SecretCipher {
  return {
    async isAvailable() {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
      return platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
    },
    encrypt: (plainText) => safeStorage.encryptStringAsync(plainText),
    async decrypt(encrypted) {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(encrypted));
      return { text: result, shouldReEncrypt };
    },
  };
}
