import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, TEST_PASSWORD, type TestCore } from './core-harness';
import { openSocket } from './ws-client';

let t: TestCore;
beforeAll(async () => {
  t = await startTestCore();
});
afterAll(() => t.stop());

describe('contract over /api/ws', () => {
  it('greets, answers calls by id, and keeps many calls in flight', async () => {
    const s = await openSocket(t.url, await t.login('operator'));
    expect(await s.next()).toMatchObject({ t: 'hello', version: expect.any(String) });
    s.socket.send(JSON.stringify({ t: 'call', id: 'a', command: 'system.info', input: {} }));
    s.socket.send(JSON.stringify({ t: 'call', id: 2, command: 'users.list', input: {} }));
    s.socket.send(JSON.stringify({ t: 'ping', id: 3 }));
    const replies = [await s.next(), await s.next(), await s.next()];
    expect(replies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          t: 'result',
          id: 'a',
          ok: true,
          value: expect.objectContaining({ roles: ['operator'] }),
        }),
        expect.objectContaining({
          t: 'result',
          id: 2,
          ok: false,
          error: expect.objectContaining({ code: 'forbidden' }),
        }),
        { t: 'pong', id: 3 },
      ]),
    );
    s.socket.close();
  });

  it('authenticates with the session cookie from the same origin', async () => {
    const login = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'director', password: TEST_PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const s = await openSocket(t.url, null, { cookie, origin: t.url });
    expect(await s.next()).toMatchObject({ t: 'hello' });
    s.socket.close();
  });

  it('closes an unauthenticated socket with 4401', async () => {
    const s = await openSocket(t.url, null);
    expect(await s.closed).toMatchObject({ code: 4401 });
  });

  it('refuses a cross-site upgrade', async () => {
    await expect(openSocket(t.url, await t.login('operator'), { origin: 'http://evil.example' })).rejects.toThrow(
      /403/,
    );
  });

  it('tells the socket and closes it when its session logs out elsewhere', async () => {
    const token = await t.login('police');
    const s = await openSocket(t.url, token);
    await s.next();
    await fetch(`${t.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(await s.next()).toEqual({ t: 'event', event: 'session.ended', payload: { reason: 'logout' } });
    expect(await s.closed).toMatchObject({ code: 4401 });
  });
});
