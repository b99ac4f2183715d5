import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './ipc-sender';

const trusted = { frameUrl: 'app://ioc/index.html#/', frameOrigin: 'app://ioc', isMainFrame: true, isOwnWindow: true };

describe('isTrustedSender', () => {
  it('trusts the top frame of our own window on our origin', () => {
    expect(isTrustedSender(trusted)).toBe(true);
  });

  it('requires every condition', () => {
    expect(isTrustedSender({ ...trusted, isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ ...trusted, isOwnWindow: false })).toBe(false);
    expect(isTrustedSender({ ...trusted, frameUrl: null })).toBe(false);
    expect(isTrustedSender({ ...trusted, frameOrigin: null })).toBe(false);
    expect(isTrustedSender({ ...trusted, frameOrigin: 'app://ioc/' })).toBe(false);
    expect(isTrustedSender({ ...trusted, frameUrl: 'https://app.ioc/' })).toBe(false);
  });
});
