import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../tests/integration/tmp-dir';
import { openStore, type Store } from '../store';
import { createSecretsService, SecretsError, SecretsKeyError } from '.';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function setup(): { store: Store; dataDir: string } {
  const temp = makeTempDir('ioc-secrets-');
  const store = openStore({ path: join(temp.dir, 'ioc.sqlite') });
  cleanups.push(temp.remove, () => store.dispose());
  return { store, dataDir: temp.dir };
}

const PASSWORD = 'Mật-khẩu: camera@Cổng#1';

describe('secrets service', () => {
  it('round-trips a Vietnamese password and never stores it in clear', () => {
    const { store, dataDir } = setup();
    const secrets = createSecretsService({ store, dataDir });
    secrets.put('camera:1', PASSWORD);
    expect(secrets.get('camera:1')).toBe(PASSWORD);
    expect(secrets.get('camera:none')).toBeNull();
    store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const file = readFileSync(join(dataDir, 'ioc.sqlite'));
    expect(file.includes(Buffer.from(PASSWORD, 'utf8'))).toBe(false);
    expect(file.includes(Buffer.from('camera@', 'utf8'))).toBe(false);
  });

  it('keeps the key outside the database in a 0600 file, and reuses it', () => {
    const { store, dataDir } = setup();
    const first = createSecretsService({ store, dataDir });
    first.put('camera:1', PASSWORD);
    const keyFile = join(dataDir, 'secrets.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(keyFile).size).toBe(32);
    const second = createSecretsService({ store, dataDir });
    expect(second.keyId).toBe(first.keyId);
    expect(second.get('camera:1')).toBe(PASSWORD);
  });

  it('uses a key from the host environment instead of the file', () => {
    const { store, dataDir } = setup();
    const envKey = 'ab'.repeat(32);
    const secrets = createSecretsService({ store, dataDir, envKey });
    expect(secrets.keySource).toBe('env');
    secrets.put('s', 'x');
    expect(createSecretsService({ store, dataDir, envKey }).get('s')).toBe('x');
    expect(() => createSecretsService({ store, dataDir, envKey: 'not-hex' })).toThrow(SecretsKeyError);
  });

  it('reports a changed key instead of returning garbage', () => {
    const { store, dataDir } = setup();
    createSecretsService({ store, dataDir }).put('camera:1', PASSWORD);
    const other = createSecretsService({ store, dataDir, envKey: 'cd'.repeat(32) });
    expect(() => other.get('camera:1')).toThrowError(expect.objectContaining({ code: 'key_changed' }));
  });

  it('binds each ciphertext to its id and detects tampering', () => {
    const { store, dataDir } = setup();
    const secrets = createSecretsService({ store, dataDir });
    secrets.put('a', 'first');
    secrets.put('b', 'second');
    // Copy a's ciphertext onto b: decrypting b must fail, not yield "first".
    store.sqlite
      .prepare("UPDATE secrets SET ciphertext = (SELECT ciphertext FROM secrets WHERE id = 'a') WHERE id = 'b'")
      .run();
    expect(() => secrets.get('b')).toThrow(SecretsError);
    const blob = store.sqlite.prepare("SELECT ciphertext FROM secrets WHERE id = 'a'").pluck().get() as Buffer;
    blob.writeUInt8(blob.readUInt8(blob.length - 1) ^ 1, blob.length - 1);
    store.sqlite.prepare("UPDATE secrets SET ciphertext = ? WHERE id = 'a'").run(blob);
    expect(() => secrets.get('a')).toThrowError(expect.objectContaining({ code: 'undecryptable' }));
  });

  it('encrypts the same value differently each time and deletes', () => {
    const { store, dataDir } = setup();
    const secrets = createSecretsService({ store, dataDir });
    const read = () => store.sqlite.prepare("SELECT ciphertext FROM secrets WHERE id = 'x'").pluck().get() as Buffer;
    secrets.put('x', 'same');
    const one = Buffer.from(read());
    secrets.put('x', 'same');
    expect(read().equals(one)).toBe(false);
    secrets.delete('x');
    expect(secrets.get('x')).toBeNull();
  });

  it('refuses a key file of the wrong size', () => {
    const { store, dataDir } = setup();
    writeFileSync(join(dataDir, 'secrets.key'), 'short', { mode: 0o600 });
    expect(() => createSecretsService({ store, dataDir })).toThrow(/not a secrets key/);
  });
});
