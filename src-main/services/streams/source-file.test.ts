import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPrivateDir, writeSourceList } from './source-file';

describe('source list file', () => {
  it('lives in a 0700 folder as a 0600 file, and is gone after remove', () => {
    const dir = createPrivateDir();
    try {
      expect(statSync(dir.path).mode & 0o777).toBe(0o700);
      const file = writeSourceList(dir.path, "file 'rtsp://u:secret@h/x'\n");
      expect(statSync(file.path).mode & 0o777).toBe(0o600);
      expect(readFileSync(file.path, 'utf8')).toContain('secret');
      file.remove();
      file.remove();
      expect(existsSync(file.path)).toBe(false);
    } finally {
      dir.remove();
    }
    expect(existsSync(dir.path)).toBe(false);
  });
});
