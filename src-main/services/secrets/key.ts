import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export const KEY_BYTES = 32;

export class SecretsKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretsKeyError';
  }
}

export interface SecretsKey {
  key: Buffer;
  /** First 16 hex digits of SHA-256(key): tells which key encrypted a value without revealing it. */
  id: string;
  source: 'env' | 'file';
}

const fingerprint = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 16);

/**
 * The AES-256 key. From `IOC_SECRETS_KEY` (64 hex digits) when the host supplies one — the Electron host
 * keeps it under safeStorage and hands it to the core in its environment, never in argv — otherwise from
 * `<dataDir>/secrets.key`, created with mode 0600 on first use. Never stored in the database it protects.
 */
export function loadSecretsKey(options: { keyFile: string; envKey?: string | undefined }): SecretsKey {
  if (options.envKey) {
    if (!/^[0-9a-fA-F]{64}$/.test(options.envKey)) {
      throw new SecretsKeyError('IOC_SECRETS_KEY must be 64 hexadecimal digits (32 bytes).');
    }
    const key = Buffer.from(options.envKey, 'hex');
    return { key, id: fingerprint(key), source: 'env' };
  }
  const key = readOrCreate(options.keyFile);
  return { key, id: fingerprint(key), source: 'file' };
}

function readOrCreate(file: string): Buffer {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  try {
    // 'wx': exactly one process creates the key; a second start finds the file and reads it.
    const fd = openSync(file, 'wx', 0o600);
    const key = randomBytes(KEY_BYTES);
    try {
      writeSync(fd, key);
    } finally {
      closeSync(fd);
    }
    return key;
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
  }
  const key = readFileSync(file);
  if (key.byteLength !== KEY_BYTES) {
    throw new SecretsKeyError(
      `${file} is not a secrets key (${key.byteLength} bytes, expected ${KEY_BYTES}). Restore it from backup; stored camera passwords cannot be read without it.`,
    );
  }
  // Tighten a key file someone copied with looser permissions.
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return key;
}
