import { safeStorage } from 'electron';
import type { SecretCipher } from './secret-store';

/**
 * Electron's safeStorage as a SecretCipher. Uses the synchronous API, which Electron 41 has; it is removed in
 * Electron 46, where encryptStringAsync/decryptStringAsync replace it.
 */
export function safeStorageCipher(): SecretCipher {
  return {
    isAvailable: () => safeStorage.isEncryptionAvailable(),
    backend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null),
    encrypt: (plainText) => safeStorage.encryptString(plainText),
    decrypt: (cipherText) => safeStorage.decryptString(Buffer.from(cipherText)),
  };
}
