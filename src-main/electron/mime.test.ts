import { describe, expect, it } from 'vitest';
import { FALLBACK_MIME_TYPE, mimeTypeFor } from './mime';

describe('mimeTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['/x/assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['worker.mjs', 'text/javascript; charset=utf-8'],
    ['style.CSS', 'text/css; charset=utf-8'],
    ['font.woff2', 'font/woff2'],
    ['icon.svg', 'image/svg+xml'],
    ['logo.png', 'image/png'],
    ['decoder.wasm', 'application/wasm'],
    ['C:\\dist\\renderer\\a.json', 'application/json; charset=utf-8'],
    ['places.geojson', 'application/geo+json'],
  ])('%s → %s', (file, type) => {
    expect(mimeTypeFor(file)).toBe(type);
  });

  it.each(['README', '.hidden', 'archive.xyz', 'dir.js/file'])('unknown %s is opaque bytes', (file) => {
    expect(mimeTypeFor(file)).toBe(FALLBACK_MIME_TYPE);
  });
});
