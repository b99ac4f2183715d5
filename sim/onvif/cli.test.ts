import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { atCamera, soapCall } from './testing/soap-client';
import { findDeep, textAt } from './soap/xml';

const ROOT = resolve(import.meta.dirname, '..', '..');
const PASSWORD = 'Cao Lãnh: mật khẩu #7';
const dirs: string[] = [];
const children: ChildProcessWithoutNullStreams[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function passwordFile(mode: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'sim-onvif-cli-'));
  dirs.push(dir);
  const file = join(dir, 'password');
  writeFileSync(file, `${PASSWORD}\n`, { mode });
  return file;
}

function run(args: string[]): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sim/onvif/cli.ts', ...args], { cwd: ROOT, stdio: 'pipe' });
  children.push(child);
  return child;
}

function exited(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  return new Promise((done) => child.on('exit', (code) => done({ code, stderr })));
}

function ready(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((done, fail) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const m = /^SIM_ONVIF_READY (\S+)$/m.exec(out);
      if (m?.[1]) done(m[1]);
    });
    child.on('exit', (code) => fail(new Error(`exited ${code} before ready`)));
  });
}

describe('sim/onvif CLI', () => {
  it('starts from a password file, keeps the password out of argv, takes commands on stdin, stops on SIGTERM', async () => {
    const child = run([
      '--personality',
      'hikvision',
      '--port',
      '0',
      '--username',
      'admin',
      '--password-file',
      passwordFile(0o600),
      '--auth',
      'digest',
      '--rtsp-url',
      'rtsp://127.0.0.1:8554/cam1/main',
    ]);
    const done = exited(child);
    const url = await ready(child);
    expect(readFileSync(`/proc/${child.pid}/cmdline`, 'utf8')).not.toContain(PASSWORD);
    const creds = { username: 'admin', password: PASSWORD };
    expect(
      (
        await soapCall(url, '<GetProfiles xmlns="http://www.onvif.org/ver10/media/wsdl"/>', {
          credentials: creds,
          auth: 'digest',
        })
      ).status,
    ).toBe(200);
    const created = await soapCall(
      url,
      '<CreatePullPointSubscription xmlns="http://www.onvif.org/ver10/events/wsdl"/>',
      { credentials: creds, auth: 'digest' },
    );
    const address = atCamera(url, textAt(created.operation, 'SubscriptionReference', 'Address') ?? '');
    const pull = (timeout: string) =>
      soapCall(
        address,
        `<PullMessages xmlns="http://www.onvif.org/ver10/events/wsdl"><Timeout>${timeout}</Timeout><MessageLimit>5</MessageLimit></PullMessages>`,
        { credentials: creds, auth: 'digest' },
      );
    await pull('PT0S');
    child.stdin.write('motion 5000\n');
    const motion = await pull('PT10S');
    expect(findDeep(motion.operation!, 'Data')?.children[0]?.attrs.Value).toBe('true');
    child.kill('SIGTERM');
    expect((await done).code).toBe(0);
  });

  it('refuses a password on the command line and a password file others can read', async () => {
    const inArgv = exited(run(['--personality', 'axis', '--password', 'secret']));
    expect(await inArgv).toMatchObject({ code: 2, stderr: expect.stringContaining('--password-file') as string });
    const open = exited(run(['--personality', 'axis', '--password-file', passwordFile(0o644)]));
    expect(await open).toMatchObject({ code: 2, stderr: expect.stringContaining('chmod 600') as string });
  });

  it('exits when the launcher holding its stdin goes away', async () => {
    const child = run(['--personality', 'pelco', '--auth', 'none']);
    const done = exited(child);
    await ready(child);
    child.stdin.end();
    expect((await done).code).toBe(0);
  });
});
