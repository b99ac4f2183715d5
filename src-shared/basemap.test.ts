import { describe, expect, it } from 'vitest';
import { basemapStyleOrigin } from './basemap';

describe('basemapStyleOrigin', () => {
  it('gives the origin of http(s) URLs as URL does', () => {
    for (const url of [
      'https://tiles.example.vn/styles/dark.json',
      'HTTP://Tiles.Example.VN:8080/s.json?key=1#x',
      'https://tiles.example.vn:443/s.json',
      'http://10.0.0.5:80',
      'http://[::1]:9000/style.json',
      'http://localhost:3000/style.json',
    ])
      expect(basemapStyleOrigin(url)).toBe(new URL(url).origin);
  });

  it('refuses every other scheme, credentials, spaces and broken hosts', () => {
    for (const bad of [
      'file:///etc/style.json',
      'javascript:alert(1)',
      'data:application/json,{}',
      'ws://tiles.example.vn/s.json',
      'https://user:pw@tiles.example.vn/s.json',
      'https://tiles.example.vn/a b.json',
      'https://*.example.vn/s.json',
      'https://tiles..vn/s.json',
      'https://tiles.example.vn:99999/s.json',
      'tiles.example.vn/style.json',
      '',
    ])
      expect(basemapStyleOrigin(bad), bad).toBeNull();
  });
});
