import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, TEST_PASSWORD, type TestCore } from './core-harness';

let t: TestCore;
beforeAll(async () => {
  t = await startTestCore();
});
afterAll(() => t.stop());

describe('core over HTTP', () => {
  it('answers health with its version', async () => {
    const res = await fetch(`${t.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('logs in and sets an HttpOnly SameSite=Strict cookie', async () => {
    const res = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'director', password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; user: { username: string; roles: string[] } };
    expect(body.token.length).toBeGreaterThan(30);
    expect(body.user).toMatchObject({ username: 'director', roles: ['director'] });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^ioc_session=[^;]+; HttpOnly; SameSite=Strict; Path=\//);
  });

  it('answers a wrong password with 401 and an empty username with 400', async () => {
    const wrong = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'operator', password: 'wrong' }),
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const empty = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: '', password: 'x' }),
    });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'username' }] },
    });
  });

  it('runs system.info for a signed-in user', async () => {
    const token = await t.login('operator');
    const { status, json } = await t.rpc('system.info', {}, token);
    expect(status).toBe(200);
    expect(json).toMatchObject({
      ok: true,
      value: {
        user: { username: 'operator' },
        roles: ['operator'],
        site: { id: 'cao-lanh', name: 'Trung tâm IOC Cao Lãnh' },
      },
    });
  });

  it('checks authentication before it looks up the command', async () => {
    expect((await t.rpc('no.such.command', {}, null)).status).toBe(401);
    expect((await t.rpc('system.info', {}, 'x'.repeat(40))).status).toBe(401);
  });

  it('maps unknown commands to 404, bad input to 400, missing role to 403', async () => {
    const token = await t.login('operator');
    const unknown = await t.rpc('no.such.command', {}, token);
    expect(unknown).toMatchObject({ status: 404, json: { ok: false, error: { code: 'unknown_command' } } });
    const bad = await t.rpc('system.info', { unexpected: 1 }, token);
    expect(bad).toMatchObject({ status: 400, json: { ok: false, error: { code: 'invalid_input' } } });
    const notJson = await t.rpc('system.info', '{"truncated', token);
    expect(notJson).toMatchObject({ status: 400, json: { ok: false, error: { code: 'invalid_input' } } });
    const forbidden = await t.rpc('users.list', {}, token);
    expect(forbidden).toMatchObject({ status: 403, json: { ok: false, error: { code: 'forbidden' } } });
  });

  it('lets it_admin list users without exposing password hashes, and search ignores diacritics', async () => {
    const token = await t.login('it_admin');
    const { status, json } = await t.rpc('users.list', { query: 'nguyen van an' }, token);
    expect(status).toBe(200);
    const value = (json as { value: Record<string, unknown>[] }).value;
    expect(value.map((u) => u.username)).toEqual(['operator']);
    expect(JSON.stringify(json)).not.toMatch(/scrypt|password/i);
  });

  it('uses the session cookie from the same origin and refuses it cross-site', async () => {
    const login = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'police', password: TEST_PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const same = await fetch(`${t.url}/api/auth/session`, { headers: { cookie } });
    expect(same.status).toBe(200);
    const cross = await fetch(`${t.url}/api/auth/session`, { headers: { cookie, origin: 'http://evil.example' } });
    expect(cross.status).toBe(401);
  });

  it('ends the session on logout', async () => {
    const token = await t.login('technician');
    const out = await fetch(`${t.url}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(out.status).toBe(204);
    expect((await t.rpc('system.info', {}, token)).status).toBe(401);
  });

  it('refuses bodies over the size cap with 413', async () => {
    const token = await t.login('operator');
    const { status, json } = await t.rpc('users.list', JSON.stringify({ query: 'x'.repeat(300 * 1024) }), token);
    expect(status).toBe(413);
    expect(json).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
  });

  it('serves Prometheus metrics that count the calls', async () => {
    const text = await (await fetch(`${t.url}/metrics`)).text();
    expect(text).toMatch(/^# TYPE ioc_rpc_calls_total counter$/m);
    expect(text).toMatch(/^ioc_rpc_calls_total\{command="system.info",outcome="ok"\} \d+$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+$/m);
  });

  it('writes logins and failures to the audit log, readable by the director', async () => {
    const token = await t.login('director');
    const { json } = await t.rpc('audit.list', { limit: 50 }, token);
    const actions = (json as { value: { action: string }[] }).value.map((r) => r.action);
    expect(actions).toContain('auth.login');
    expect(actions).toContain('auth.login_failed');
  });

  it('throttles repeated failed logins for one user with 429', async () => {
    const attempt = () =>
      fetch(`${t.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'it_admin', password: 'guess' }),
      });
    for (let i = 0; i < 5; i++) expect((await attempt()).status).toBe(401);
    const blocked = await attempt();
    expect(blocked.status).toBe(429);
    expect(await blocked.json()).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });
});
