import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** The OS encryption the store relies on; main wraps Electron's safeStorage in this. */
export interface SecretCipher {
  isAvailable(): boolean;
  /** Linux backend name, e.g. 'gnome_libsecret'; 'basic_text' means a hard-coded key, i.e. no protection. */
  backend(): string | null;
  encrypt(plainText: string): Uint8Array;
  decrypt(cipherText: Uint8Array): string;
}

export type SecretStoreErrorCode = 'encryption_unavailable' | 'insecure_backend' | 'undecryptable';

export class SecretStoreError extends Error {
  readonly code: SecretStoreErrorCode;

  constructor(code: SecretStoreErrorCode, message: string) {
    super(`[${code}] ${message}`);
    this.name = 'SecretStoreError';
    this.code = code;
  }
}

export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface SecretStoreOptions {
  /** e.g. <userData>/secrets.json; written with mode 0600. */
  readonly filePath: string;
  readonly cipher: SecretCipher;
  /** Told when an unreadable file is moved aside; the store then starts empty rather than refuse forever. */
  readonly onWarning?: (message: string) => void;
}

// Entries are a list, not an object: keys such as "__proto__" are valid secret keys and would not survive
// a round trip through a plain object.
const SecretFileSchema = z.object({
  version: z.literal(1),
  entries: z.array(z.object({ key: z.string().min(1).max(64), value: z.base64() })),
});

function assertUsable(cipher: SecretCipher): void {
  if (!cipher.isAvailable()) {
    throw new SecretStoreError(
      'encryption_unavailable',
      'the operating system secret store is not available, so secrets cannot be stored or read safely',
    );
  }
  if (cipher.backend() === 'basic_text') {
    throw new SecretStoreError(
      'insecure_backend',
      'no OS keyring (gnome-libsecret or kwallet) was found; refusing to store secrets under a hard-coded key',
    );
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

/**
 * Secrets encrypted with the OS key (Electron safeStorage) and kept as base64 in one JSON file. Plain text
 * exists only in main's memory for the duration of a call. Writes are serialised and atomic (temp file, then
 * rename) so a crash never leaves a half-written file.
 */
export function createSecretStore(options: SecretStoreOptions): SecretStore {
  const { filePath, cipher } = options;
  let entries: Map<string, string> | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const serialised = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const load = async (): Promise<Map<string, string>> => {
    if (entries !== null) return entries;
    let text: string;
    try {
      text = await fsp.readFile(filePath, 'utf8');
    } catch (error) {
      if (!isMissing(error)) throw error;
      entries = new Map();
      return entries;
    }
    let parsed: z.output<typeof SecretFileSchema> | null = null;
    try {
      const result = SecretFileSchema.safeParse(JSON.parse(text));
      if (result.success) parsed = result.data;
    } catch {
      parsed = null;
    }
    if (parsed === null) {
      const aside = `${filePath}.unreadable-${Date.now()}`;
      await fsp.rename(filePath, aside);
      options.onWarning?.(`secret file was unreadable; moved to ${path.basename(aside)} and starting empty`);
      entries = new Map();
      return entries;
    }
    entries = new Map(parsed.entries.map((entry) => [entry.key, entry.value]));
    return entries;
  };

  const save = async (next: Map<string, string>): Promise<void> => {
    const body = JSON.stringify({ version: 1, entries: [...next].map(([key, value]) => ({ key, value })) });
    await fsp.mkdir(path.dirname(filePath), { recursive: true });
    const temp = `${filePath}.${process.pid}.tmp`;
    await fsp.writeFile(temp, body, { mode: 0o600 });
    await fsp.chmod(temp, 0o600);
    await fsp.rename(temp, filePath);
  };

  return {
    get: (key) =>
      serialised(async () => {
        assertUsable(cipher);
        const stored = (await load()).get(key);
        if (stored === undefined) return null;
        try {
          return cipher.decrypt(Buffer.from(stored, 'base64'));
        } catch {
          throw new SecretStoreError(
            'undecryptable',
            `secret "${key}" cannot be decrypted (the OS key or keyring changed); set it again`,
          );
        }
      }),
    set: (key, value) =>
      serialised(async () => {
        assertUsable(cipher);
        const cipherText = Buffer.from(cipher.encrypt(value)).toString('base64');
        const next = new Map(await load());
        next.set(key, cipherText);
        await save(next);
        entries = next;
      }),
    // Deleting needs no encryption, so it works even when the keyring is gone.
    delete: (key) =>
      serialised(async () => {
        const current = await load();
        if (!current.has(key)) return;
        const next = new Map(current);
        next.delete(key);
        await save(next);
        entries = next;
      }),
  };
}
