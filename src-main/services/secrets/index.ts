import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Store } from '../store';
import { loadSecretsKey, type SecretsKey } from './key';

export { SecretsKeyError } from './key';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type SecretsErrorCode = 'undecryptable' | 'key_changed';

export class SecretsError extends Error {
  constructor(
    readonly code: SecretsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SecretsError';
  }
}

export interface SecretsService {
  put(id: string, plaintext: string): void;
  /** null when no secret has this id. */
  get(id: string): string | null;
  delete(id: string): void;
  /** Which key is in use (for diagnostics; never the key). */
  readonly keyId: string;
  readonly keySource: SecretsKey['source'];
}

export interface SecretsOptions {
  store: Store;
  dataDir: string;
  /** Hex key handed over by the host (Electron safeStorage); default: the key file in dataDir. */
  envKey?: string | undefined;
  now?: () => Date;
}

/**
 * Credentials at rest: AES-256-GCM per value, with a fresh IV each time and the secret's id as associated
 * data, so a ciphertext copied onto another row does not decrypt. Layout: version(1) | iv(12) | tag(16) | data.
 * Plain text is returned only to the core's own services, never put in a reply, an argument or a log.
 */
export function createSecretsService(options: SecretsOptions): SecretsService {
  const key = loadSecretsKey({ keyFile: join(options.dataDir, 'secrets.key'), envKey: options.envKey });
  const now = options.now ?? (() => new Date());
  const db = options.store.sqlite;
  const upsert = db.prepare(
    `INSERT INTO secrets (id, ciphertext, key_id, created_at, updated_at) VALUES (@id, @ciphertext, @keyId, @at, @at)
     ON CONFLICT(id) DO UPDATE SET ciphertext = excluded.ciphertext, key_id = excluded.key_id, updated_at = excluded.updated_at`,
  );
  const select = db.prepare<[string], { ciphertext: Buffer; key_id: string }>(
    'SELECT ciphertext, key_id FROM secrets WHERE id = ?',
  );
  const remove = db.prepare('DELETE FROM secrets WHERE id = ?');
  const aad = (id: string) => Buffer.from(`ioc-secret:v${VERSION}:${id}`, 'utf8');

  return {
    keyId: key.id,
    keySource: key.source,
    put(id, plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key.key, iv).setAAD(aad(id));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const ciphertext = Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), data]);
      upsert.run({ id, ciphertext, keyId: key.id, at: now().toISOString() });
    },
    get(id) {
      const row = select.get(id);
      if (!row) return null;
      if (row.key_id !== key.id) {
        throw new SecretsError(
          'key_changed',
          `secret "${id}" was encrypted with another key (${row.key_id}); restore that key or enter the password again`,
        );
      }
      const blob = row.ciphertext;
      if (blob.byteLength < 1 + IV_BYTES + TAG_BYTES || blob[0] !== VERSION) {
        throw new SecretsError('undecryptable', `secret "${id}" is not in a format this version can read`);
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key.key, blob.subarray(1, 1 + IV_BYTES)).setAAD(aad(id));
        decipher.setAuthTag(blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(blob.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new SecretsError('undecryptable', `secret "${id}" failed its integrity check`);
      }
    },
    delete(id) {
      remove.run(id);
    },
  };
}
