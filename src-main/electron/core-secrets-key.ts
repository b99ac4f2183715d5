import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { SecretStore } from './secret-store';

/** Secret-store keys under this prefix belong to main and the core; the renderer may never read or write them. */
export const MAIN_ONLY_SECRET_PREFIX = 'core.';
export const CORE_SECRETS_KEY_NAME = `${MAIN_ONLY_SECRET_PREFIX}secrets-key`;
const KEY_BYTES = 32;

export function isRendererSecretKey(key: string): boolean {
  return !key.startsWith(MAIN_ONLY_SECRET_PREFIX);
}

/**
 * Which AES key the core encrypts camera passwords with (`IOC_SECRETS_KEY`). Kept under safeStorage. On the
 * first Electron start, a key file the browser host left in the same data folder is adopted, so passwords
 * stored before remain readable.
 */
export function chooseCoreSecretsKey(input: {
  stored: string | null;
  legacyFile: Uint8Array | null;
  random: () => Uint8Array;
}): { keyHex: string; save: boolean } {
  if (input.stored && /^[0-9a-f]{64}$/i.test(input.stored)) return { keyHex: input.stored.toLowerCase(), save: false };
  const source = input.legacyFile?.byteLength === KEY_BYTES ? input.legacyFile : input.random();
  return { keyHex: Buffer.from(source).toString('hex'), save: true };
}

export async function provideCoreSecretsKey(secrets: SecretStore, legacyKeyFile: string): Promise<string> {
  const stored = await secrets.get(CORE_SECRETS_KEY_NAME);
  const legacyFile = await readFile(legacyKeyFile).catch(() => null);
  const choice = chooseCoreSecretsKey({ stored, legacyFile, random: () => randomBytes(KEY_BYTES) });
  if (choice.save) await secrets.set(CORE_SECRETS_KEY_NAME, choice.keyHex);
  return choice.keyHex;
}
