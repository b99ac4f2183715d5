import { describe, expect, it } from 'vitest';
import { isLoopbackCoreUrl, parseCoreMessage } from './core-message';

describe('parseCoreMessage', () => {
  it('parses ready, normalising the URL', () => {
    expect(parseCoreMessage({ type: 'ready', url: 'http://127.0.0.1:49152' })).toEqual({
      type: 'ready',
      url: 'http://127.0.0.1:49152',
    });
    expect(parseCoreMessage({ type: 'ready', url: 'http://127.0.0.1:49152/' })).toEqual({
      type: 'ready',
      url: 'http://127.0.0.1:49152',
    });
  });

  it('parses fatal', () => {
    expect(parseCoreMessage({ type: 'fatal', message: 'database is newer than this app' })).toEqual({
      type: 'fatal',
      message: 'database is newer than this app',
    });
  });

  it.each([
    null,
    undefined,
    'ready',
    42,
    {},
    { type: 'ready' },
    { type: 'ready', url: 42 },
    { type: 'ready', url: 'http://0.0.0.0:49152' },
    { type: 'ready', url: 'http://192.168.1.10:49152' },
    { type: 'ready', url: 'http://localhost:49152' },
    { type: 'ready', url: 'https://127.0.0.1:49152' },
    { type: 'ready', url: 'http://127.0.0.1' },
    { type: 'ready', url: 'http://u:p@127.0.0.1:1' },
    { type: 'ready', url: 'http://127.0.0.1:1/path' },
    { type: 'fatal' },
    { type: 'fatal', message: 'x'.repeat(5000) },
    { type: 'other', url: 'http://127.0.0.1:1' },
  ])('rejects %j', (message) => {
    expect(parseCoreMessage(message)).toBeNull();
  });
});

describe('isLoopbackCoreUrl', () => {
  it('accepts only http://127.0.0.1:<port>', () => {
    expect(isLoopbackCoreUrl('http://127.0.0.1:1')).toBe(true);
    expect(isLoopbackCoreUrl('http://[::1]:1')).toBe(false);
    expect(isLoopbackCoreUrl('nonsense')).toBe(false);
  });
});
