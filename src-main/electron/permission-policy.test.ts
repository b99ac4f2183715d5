import { describe, expect, it } from 'vitest';
import { GRANTABLE_PERMISSIONS, isPermissionGranted } from './permission-policy';

describe('isPermissionGranted', () => {
  it('grants the allowlist to our origin, as URL or bare origin', () => {
    expect(isPermissionGranted('fullscreen', 'app://ioc/index.html#/wall/1')).toBe(true);
    expect(isPermissionGranted('window-management', 'app://ioc')).toBe(true);
    expect([...GRANTABLE_PERMISSIONS].sort()).toEqual(['fullscreen', 'window-management']);
  });

  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'display-capture',
    'openExternal',
    'hid',
    'serial',
    'usb',
    'midiSysex',
    'unknown',
    'fileSystem',
  ])('denies %s even to our origin', (permission) => {
    expect(isPermissionGranted(permission, 'app://ioc/index.html')).toBe(false);
  });

  it.each(['https://evil.example', 'http://127.0.0.1:49152', 'app://ioc.evil', '', null, undefined])(
    'denies fullscreen to %s',
    (origin) => {
      expect(isPermissionGranted('fullscreen', origin)).toBe(false);
    },
  );
});
