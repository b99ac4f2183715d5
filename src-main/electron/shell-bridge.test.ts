import { describe, expect, it } from 'vitest';
import { SHELL_IPC } from '../../src-shared/contract/shell';
import { createShellBridge, type Invoke, SHELL_BRIDGE_KEYS } from './shell-bridge';

function recordingInvoke(replies: Record<string, unknown>) {
  const calls: { channel: string; args: unknown[] }[] = [];
  const invoke: Invoke = async (channel, ...args) => {
    calls.push({ channel, args });
    return replies[channel];
  };
  return { calls, invoke };
}

describe('createShellBridge', () => {
  it('exposes exactly the ShellApi and nothing of Electron', () => {
    const bridge = createShellBridge(async () => undefined);
    expect(Object.keys(bridge).sort()).toEqual([...SHELL_BRIDGE_KEYS].sort());
    expect(bridge.kind).toBe('electron');
    for (const key of SHELL_BRIDGE_KEYS) {
      if (key !== 'kind') expect(typeof bridge[key]).toBe('function');
    }
  });

  it('invokes the contract channels with the given arguments', async () => {
    const { calls, invoke } = recordingInvoke({
      [SHELL_IPC.endpoint.channel]: { url: 'http://127.0.0.1:1', launchToken: 'abc' },
      [SHELL_IPC.displays.channel]: [],
      [SHELL_IPC.openWallWindow.channel]: { ok: false, reason: 'unknown_display' },
      [SHELL_IPC.secretGet.channel]: null,
    });
    const bridge = createShellBridge(invoke);
    expect(await bridge.endpoint()).toEqual({ url: 'http://127.0.0.1:1', launchToken: 'abc' });
    expect(await bridge.displays()).toEqual([]);
    expect(await bridge.openWallWindow({ displayId: '9' })).toEqual({ ok: false, reason: 'unknown_display' });
    expect(await bridge.secretGet('k')).toBeNull();
    await bridge.secretSet('k', 'v');
    await bridge.secretDelete('k');
    expect(calls).toEqual([
      { channel: 'shell:endpoint', args: [] },
      { channel: 'shell:displays', args: [] },
      { channel: 'shell:open-wall-window', args: [{ displayId: '9' }] },
      { channel: 'shell:secret-get', args: ['k'] },
      { channel: 'shell:secret-set', args: ['k', 'v'] },
      { channel: 'shell:secret-delete', args: ['k'] },
    ]);
  });

  it('rejects replies that do not match the contract', async () => {
    const { invoke } = recordingInvoke({
      [SHELL_IPC.endpoint.channel]: { url: 1 },
      [SHELL_IPC.secretGet.channel]: 42,
    });
    const bridge = createShellBridge(invoke);
    await expect(bridge.endpoint()).rejects.toThrow();
    await expect(bridge.secretGet('k')).rejects.toThrow();
  });

  it('passes main-side rejections through', async () => {
    const bridge = createShellBridge(async () => {
      throw new Error('[forbidden] secretGet: sender is not the IOC app');
    });
    await expect(bridge.secretGet('k')).rejects.toThrow('forbidden');
  });
});
