import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { CommandError, defineCommand, type Role } from '../../src-shared/contract';
import type { Principal } from '../services/auth';
import { createDispatcher } from './dispatch';
import type { Handlers } from './handlers';
import { silentLogger } from './logger';
import { createMetrics } from './metrics';

const registry = {
  'echo.site': defineCommand({
    summary: 'test',
    input: z.object({ siteId: z.string(), text: z.string().max(5) }).strict(),
    output: z.object({ text: z.string() }),
    permission: 'wall.view',
  }),
  'fail.known': defineCommand({ summary: 'test', input: z.object({}), output: z.null(), permission: null }),
  'fail.unknown': defineCommand({ summary: 'test', input: z.object({}), output: z.null(), permission: null }),
  'bad.output': defineCommand({
    summary: 'test',
    input: z.object({}),
    output: z.object({ n: z.number() }),
    permission: null,
  }),
};

const handlers = {
  'echo.site': (input: { text: string }) => ({ text: input.text }),
  'fail.known': () => {
    throw new CommandError('conflict', 'Already done');
  },
  'fail.unknown': () => {
    throw new Error('database exploded with password=hunter2');
  },
  'bad.output': () => ({ n: 'not a number' }),
} as unknown as Handlers;

function principal(roles: Role[], sites: string[]): Principal {
  return { userId: 'u', username: 'u', displayName: 'U', roles, sites, siteId: null, sessionId: 's' };
}

const logged: string[] = [];
const dispatch = createDispatcher(
  handlers,
  {
    logger: { ...silentLogger, error: (m, f) => void logged.push(`${m} ${JSON.stringify(f)}`) },
    metrics: createMetrics(),
  },
  registry,
);
const operator = principal(['operator'], ['cao-lanh']);

describe('dispatch', () => {
  it('refuses anonymous callers before it looks at the command', async () => {
    expect(await dispatch('no.such', {}, null)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
  it('answers unknown commands, including prototype names', async () => {
    for (const name of ['no.such', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(await dispatch(name, {}, operator)).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    }
  });
  it('checks the role before the input', async () => {
    const director = principal(['it_admin'], ['*']);
    expect(await dispatch('echo.site', { nonsense: true }, director)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
  it('names the invalid fields', async () => {
    const reply = await dispatch('echo.site', { siteId: 'cao-lanh', text: 'too long' }, operator);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'text' }] } });
  });
  it('scopes by site', async () => {
    expect(await dispatch('echo.site', { siteId: 'cao-lanh', text: 'hi' }, operator)).toEqual({
      ok: true,
      value: { text: 'hi' },
    });
    expect(await dispatch('echo.site', { siteId: 'sa-dec', text: 'hi' }, operator)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await dispatch('echo.site', { siteId: 'sa-dec', text: 'hi' }, principal(['operator'], ['*']))).toMatchObject(
      { ok: true },
    );
  });
  it('maps CommandError to its code, and anything else to internal without leaking it', async () => {
    expect(await dispatch('fail.known', {}, operator)).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'Already done' },
    });
    const reply = await dispatch('fail.unknown', {}, operator);
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(reply)).not.toMatch(/exploded|hunter2/);
    expect(logged.some((l) => l.includes('exploded'))).toBe(true);
  });
  it('never sends output that breaks the contract', async () => {
    expect(await dispatch('bad.output', {}, operator)).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
