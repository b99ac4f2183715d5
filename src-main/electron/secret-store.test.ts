import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecretStore, type SecretCipher, SecretStoreError } from './secret-store';

/** Reversible stand-in for safeStorage: XOR with a key, so ciphertext never equals plain text. */
function fakeCipher(overrides: Partial<SecretCipher> = {}, key = 0x5a): SecretCipher {
  return {
    isAvailable: () => true,
    backend: () => 'gnome_libsecret',
    encrypt: (plain) => Uint8Array.from(Buffer.from(plain, 'utf8'), (byte) => byte ^ key),
    decrypt: (cipher) => {
      if (cipher[0] === undefined) throw new Error('empty');
      return Buffer.from(Uint8Array.from(cipher, (byte) => byte ^ key)).toString('utf8');
    },
    ...overrides,
  };
}

let dir: string;
let filePath: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ioc-secrets-'));
  filePath = path.join(dir, 'secrets.json');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('createSecretStore', () => {
  it('round-trips secrets and keeps only ciphertext on disk, mode 0600', async () => {
    const store = createSecretStore({ filePath, cipher: fakeCipher() });
    expect(await store.get('camera.1.password')).toBeNull();
    await store.set('camera.1.password', 'Mật khẩu-123');
    expect(await store.get('camera.1.password')).toBe('Mật khẩu-123');

    const text = readFileSync(filePath, 'utf8');
    expect(text).not.toContain('Mật khẩu');
    expect(JSON.parse(text)).toEqual({
      version: 1,
      entries: [{ key: 'camera.1.password', value: expect.any(String) }],
    });
    if (process.platform !== 'win32') expect(statSync(filePath).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['secrets.json']);
  });

  it('persists across instances and deletes', async () => {
    await createSecretStore({ filePath, cipher: fakeCipher() }).set('a', '1');
    const again = createSecretStore({ filePath, cipher: fakeCipher() });
    expect(await again.get('a')).toBe('1');
    await again.delete('a');
    await again.delete('never-set');
    expect(await createSecretStore({ filePath, cipher: fakeCipher() }).get('a')).toBeNull();
  });

  it('handles keys that are special on plain objects', async () => {
    const store = createSecretStore({ filePath, cipher: fakeCipher() });
    await store.set('__proto__', 'p');
    await store.set('constructor', 'c');
    const fresh = createSecretStore({ filePath, cipher: fakeCipher() });
    expect(await fresh.get('__proto__')).toBe('p');
    expect(await fresh.get('constructor')).toBe('c');
    expect(await fresh.get('toString')).toBeNull();
  });

  it('refuses when OS encryption is unavailable, with a clear error', async () => {
    const store = createSecretStore({ filePath, cipher: fakeCipher({ isAvailable: () => false }) });
    await expect(store.set('a', '1')).rejects.toMatchObject({ code: 'encryption_unavailable' });
    await expect(store.get('a')).rejects.toBeInstanceOf(SecretStoreError);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses the basic_text backend (hard-coded key)', async () => {
    const store = createSecretStore({ filePath, cipher: fakeCipher({ backend: () => 'basic_text' }) });
    await expect(store.set('a', '1')).rejects.toMatchObject({ code: 'insecure_backend' });
    await expect(store.set('a', '1')).rejects.toThrow(/keyring/);
  });

  it('still deletes when encryption is unavailable', async () => {
    await createSecretStore({ filePath, cipher: fakeCipher() }).set('a', '1');
    const store = createSecretStore({ filePath, cipher: fakeCipher({ isAvailable: () => false }) });
    await store.delete('a');
    expect(JSON.parse(readFileSync(filePath, 'utf8')).entries).toEqual([]);
  });

  it('reports a secret that the current key cannot decrypt', async () => {
    await createSecretStore({ filePath, cipher: fakeCipher() }).set('a', '1');
    const changedKey = fakeCipher({
      decrypt: () => {
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      },
    });
    await expect(createSecretStore({ filePath, cipher: changedKey }).get('a')).rejects.toMatchObject({
      code: 'undecryptable',
    });
  });

  it('moves an unreadable file aside and starts empty', async () => {
    writeFileSync(filePath, '{not json');
    const warnings: string[] = [];
    const store = createSecretStore({ filePath, cipher: fakeCipher(), onWarning: (m) => warnings.push(m) });
    expect(await store.get('a')).toBeNull();
    await store.set('a', '1');
    expect(warnings).toHaveLength(1);
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(2);
    expect(files.some((file) => file.startsWith('secrets.json.unreadable-'))).toBe(true);
  });

  it('serialises concurrent writes without losing any', async () => {
    const store = createSecretStore({ filePath, cipher: fakeCipher() });
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`k${i}`, `v${i}`)));
    const fresh = createSecretStore({ filePath, cipher: fakeCipher() });
    for (let i = 0; i < 20; i += 1) expect(await fresh.get(`k${i}`)).toBe(`v${i}`);
  });

  it('keeps working after a failed operation', async () => {
    let available = false;
    const store = createSecretStore({ filePath, cipher: fakeCipher({ isAvailable: () => available }) });
    await expect(store.set('a', '1')).rejects.toBeInstanceOf(SecretStoreError);
    available = true;
    await store.set('a', '1');
    expect(await store.get('a')).toBe('1');
  });
});
