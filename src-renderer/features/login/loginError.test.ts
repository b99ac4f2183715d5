import type { TFunction } from 'i18next';
import { describe, expect, test } from 'vitest';
import { describeLoginError } from './loginError';

// Echoes the key and its options so the mapping, not the wording, is what is tested.
const echo = (key: string, options?: Record<string, unknown>): string =>
  options ? `${key} ${JSON.stringify(options)}` : key;
const t = echo as unknown as TFunction;

describe('describeLoginError', () => {
  test('401 is the wrong-credentials message', () => {
    expect(describeLoginError({ code: 'unauthenticated', message: 'x', status: 401 }, t).message).toBe(
      'login.wrongCredentials',
    );
  });

  test('400 names the first field the core reported and marks each one', () => {
    const view = describeLoginError(
      {
        code: 'invalid_input',
        message: 'x',
        issues: [
          { path: 'username', message: 'too small' },
          { path: 'password', message: 'too small' },
        ],
      },
      t,
    );
    expect(view.message).toBe('login.invalidField {"field":"login.username"}');
    expect(view.fields).toEqual(['username', 'password']);
  });

  test('400 without a known field still says the input is invalid', () => {
    const view = describeLoginError({ code: 'invalid_input', message: 'x', issues: [{ path: '', message: 'bad' }] }, t);
    expect(view).toEqual({ message: 'login.invalidInput', hint: null, fields: [] });
  });

  test('a network failure comes with what to try', () => {
    expect(describeLoginError({ code: 'network', message: 'refused' }, t)).toMatchObject({
      message: 'login.network',
      hint: 'login.networkHint',
    });
  });
});
