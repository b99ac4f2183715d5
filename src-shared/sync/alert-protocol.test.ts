import { describe, expect, it } from 'vitest';
import { isAlertCommandName } from './alert-protocol';
import { isSyncCommandName, SYNC_COMMAND_ARGS } from './protocol';

describe('alert commands in the sync protocol', () => {
  it('names alert.acknowledge among the sync commands', () => {
    expect(isSyncCommandName('alert.acknowledge')).toBe(true);
    expect(isAlertCommandName('alert.acknowledge')).toBe(true);
    expect(isAlertCommandName('alert.escalate')).toBe(false);
  });

  it('takes an alert id and a trimmed note, and nothing else', () => {
    const schema = SYNC_COMMAND_ARGS['alert.acknowledge'];
    expect(schema.parse({ alertId: 'a-1', note: '  Đã cử tổ thoát nước  ' })).toEqual({
      alertId: 'a-1',
      note: 'Đã cử tổ thoát nước',
    });
    expect(schema.safeParse({ alertId: 'a-1', note: '' }).success).toBe(true);
    expect(schema.safeParse({ alertId: '', note: '' }).success).toBe(false);
    expect(schema.safeParse({ alertId: 'a-1' }).success).toBe(false);
    expect(schema.safeParse({ alertId: 'a-1', note: 'x'.repeat(1001) }).success).toBe(false);
    expect(schema.safeParse({ alertId: 'a-1', note: '', actor: 'director' }).success).toBe(false);
  });
});
