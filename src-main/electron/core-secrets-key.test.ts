import { describe, expect, it } from 'vitest';
import { chooseCoreSecretsKey, isRendererSecretKey } from './core-secrets-key';

const random = () => new Uint8Array(32).fill(7);

describe('chooseCoreSecretsKey', () => {
  it('keeps a key already under safeStorage', () => {
    const stored = 'ab'.repeat(32);
    expect(chooseCoreSecretsKey({ stored, legacyFile: new Uint8Array(32), random })).toEqual({
      keyHex: stored,
      save: false,
    });
  });
  it('adopts the browser host’s key file so earlier camera passwords stay readable', () => {
    const legacy = new Uint8Array(32).fill(1);
    expect(chooseCoreSecretsKey({ stored: null, legacyFile: legacy, random })).toEqual({
      keyHex: '01'.repeat(32),
      save: true,
    });
  });
  it('makes a new key when there is none, or the stored one is not a key', () => {
    expect(chooseCoreSecretsKey({ stored: 'nonsense', legacyFile: new Uint8Array(5), random })).toEqual({
      keyHex: '07'.repeat(32),
      save: true,
    });
  });
});

describe('isRendererSecretKey', () => {
  it('keeps main-only secrets away from the renderer', () => {
    expect(isRendererSecretKey('session.token')).toBe(true);
    expect(isRendererSecretKey('core.secrets-key')).toBe(false);
  });
});
