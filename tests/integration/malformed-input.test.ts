import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS, isErrorCode } from '../../src-shared/contract';
import { startTestCore, type TestCore } from './core-harness';
import { buildMessages, seededRandom } from './malformed-corpus';
import { openSocket } from './ws-client';

let t: TestCore;
let token: string;
beforeAll(async () => {
  t = await startTestCore();
  token = await t.login('operator');
});
afterAll(() => t.stop());

function isWellFormedReply(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } };
  if (v.ok === true) return 'value' in v;
  return v.ok === false && isErrorCode(v.error?.code) && typeof v.error?.message === 'string';
}

describe('malformed input', () => {
  it('answers 600 hostile RPC requests with well-formed replies and stays up', async () => {
    const messages = buildMessages(600, 1);
    const random = seededRandom(2);
    const commandNames = [
      'system.info',
      'users.list',
      'no.such',
      '..%2F..%2Fetc',
      '%E0%A4%A',
      '__proto__',
      'x'.repeat(3000),
      'audit.list',
    ];
    for (const [i, body] of messages.entries()) {
      const command = commandNames[Math.floor(random() * commandNames.length)]!;
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (i % 7 !== 0) headers['content-type'] = i % 13 === 0 ? 'text/plain' : 'application/json';
      const res = await fetch(`${t.url}/api/rpc/${command}`, { method: 'POST', headers, body });
      const text = await res.text();
      let json: unknown;
      expect(() => (json = JSON.parse(text)), `reply to #${i} is JSON`).not.toThrow();
      expect(isWellFormedReply(json), `reply to #${i}: ${text.slice(0, 200)}`).toBe(true);
      const reply = json as { ok: boolean; error?: { code: keyof typeof ERROR_STATUS } };
      expect(res.status).toBe(reply.ok ? 200 : ERROR_STATUS[reply.error!.code]);
      expect(res.status).not.toBe(500);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect((await fetch(`${t.url}/api/health`)).status).toBe(200);
  });

  it('answers 600 hostile WebSocket messages one for one on the same open socket', async () => {
    const s = await openSocket(t.url, token);
    expect(await s.next()).toMatchObject({ t: 'hello' });
    const messages = buildMessages(600, 3);
    for (const [i, message] of messages.entries()) {
      if (i % 50 === 0) s.socket.send(Buffer.from([0xff, 0x00, 0x01]), { binary: true });
      else s.socket.send(message);
      const reply = await s.next();
      expect(['result', 'error', 'pong'], `reply to #${i}`).toContain(reply.t);
      if (reply.t === 'result') {
        expect(isWellFormedReply(reply), JSON.stringify(reply).slice(0, 200)).toBe(true);
        if (!reply.ok) expect(reply.error.code).not.toBe('internal');
      }
      if (reply.t === 'error') expect(isErrorCode(reply.error.code)).toBe(true);
    }
    expect(s.socket.readyState).toBe(s.socket.OPEN);
    s.socket.send(JSON.stringify({ t: 'call', id: 'final', command: 'system.info', input: {} }));
    expect(await s.next()).toMatchObject({ t: 'result', id: 'final', ok: true });
    s.socket.close();
  });
});
