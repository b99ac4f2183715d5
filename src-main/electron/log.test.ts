import { describe, expect, it } from 'vitest';
import { createLineLog } from './log';

describe('createLineLog', () => {
  it('writes one JSON object per line with scope, level and fields', () => {
    const lines: string[] = [];
    const log = createLineLog('electron', (line) => lines.push(line));
    log('warn', 'core down', { attempt: 2, reason: 'exit' });
    expect(lines).toHaveLength(1);
    const entry: unknown = JSON.parse(lines[0] ?? '');
    expect(entry).toMatchObject({ level: 'warn', scope: 'electron', message: 'core down', attempt: 2, reason: 'exit' });
    expect(lines[0]).not.toContain('\n');
  });
});
