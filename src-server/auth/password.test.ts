import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

describe('server password hashing', () => {
  it('verifies the right password only, and keeps the parameters with the hash', async () => {
    const hash = await hashPassword('mật-khẩu');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword('mật-khẩu', hash)).toBe(true);
    // NFC and NFD spellings of the same Vietnamese text are the same password.
    expect(await verifyPassword('mật-khẩu'.normalize('NFD'), hash)).toBe(true);
    expect(await verifyPassword('mat-khau', hash)).toBe(false);
  });

  it('refuses malformed or absurd hashes without running scrypt on them', async () => {
    expect(await verifyPassword('x', 'plain')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$1073741824$8$1$AAAA$AAAA')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$32768$8$1$AAAA$short')).toBe(false);
  });
});
