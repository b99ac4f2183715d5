// A private X server with two monitors for the two-display wall test: Xorg's dummy driver with two outputs
// (DESIGN.md §8, fixtures/xorg-two-outputs.conf), on a display number nobody else uses, logging to a temp dir.
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const XORG_CONFIG = join(import.meta.dirname, 'fixtures', 'xorg-two-outputs.conf');
const DUMMY_DRIVER = '/usr/lib/xorg/modules/drivers/dummy_drv.so';
const READY_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 5_000;

export interface XorgDisplay {
  /** e.g. `:93`, for DISPLAY. */
  readonly display: string;
  readonly logFile: string;
  /** xrandr's monitors: name and geometry in the X screen. */
  monitors(): Promise<XrandrMonitor[]>;
  stop(): Promise<void>;
}

export interface XrandrMonitor {
  name: string;
  width: number;
  height: number;
  x: number;
  y: number;
  primary: boolean;
}

const onPath = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/** Why this machine cannot run the test's X server, or null when it can. */
export function xorgProblem(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.getuid?.() !== 0) return 'Xorg with the dummy driver needs root here (no seat, no logind)';
  if (!onPath('Xorg')) return 'Xorg is not installed (apt-get install xserver-xorg-core)';
  if (!existsSync(DUMMY_DRIVER)) return 'the dummy driver is missing (apt-get install xserver-xorg-video-dummy)';
  if (!onPath('xrandr')) return 'xrandr is missing (apt-get install x11-xserver-utils)';
  return null;
}

/** `xrandr --listmonitors` lines like ` 1: +DUMMY1 1280/339x720/190+1280+0  DUMMY1`. */
export function parseMonitors(text: string): XrandrMonitor[] {
  const out: XrandrMonitor[] = [];
  for (const line of text.split('\n')) {
    const match = /^\s*\d+:\s+\+(\*?)(\S+)\s+(\d+)\/\d+x(\d+)\/\d+\+(-?\d+)\+(-?\d+)/.exec(line);
    if (!match) continue;
    out.push({
      name: match[2]!,
      primary: match[1] === '*',
      width: Number(match[3]),
      height: Number(match[4]),
      x: Number(match[5]),
      y: Number(match[6]),
    });
  }
  return out;
}

function xrandr(display: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('xrandr', args, { env: { ...process.env, DISPLAY: display }, timeout: 10_000 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
  });
}

/** A display number with no lock file and no socket, high enough to stay clear of desktops and Xvfb runs. */
function freeDisplayNumber(from: number): number {
  for (let n = from; n < from + 200; n++) {
    if (!existsSync(`/tmp/.X${n}-lock`) && !existsSync(`/tmp/.X11-unix/X${n}`)) return n;
  }
  throw new Error('no free X display number');
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startXorg(): Promise<XorgDisplay> {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-xorg-'));
  // An empty config dir: snippets in /etc/X11/xorg.conf.d must not change the test's screens.
  const configDir = join(dir, 'conf.d');
  mkdirSync(configDir);
  const logFile = join(dir, 'Xorg.log');
  // Another run may take the number between the check and Xorg's lock: try a few.
  let from = 90 + (process.pid % 100);
  for (let attempt = 0; attempt < 5; attempt++) {
    const number = freeDisplayNumber(from);
    const display = `:${number}`;
    const child = spawn(
      'Xorg',
      [display, '-config', XORG_CONFIG, '-configdir', configDir, '-noreset', '-nolisten', 'tcp', '-logfile', logFile],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => (stderr += chunk));
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let ready = false;
    while (!ready && child.exitCode === null && Date.now() < deadline) {
      await sleep(200);
      ready = await xrandr(display, ['--listmonitors']).then(
        () => true,
        () => false,
      );
    }
    if (ready) {
      return {
        display,
        logFile,
        monitors: async () => parseMonitors(await xrandr(display, ['--listmonitors'])),
        async stop() {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
          await exited(child);
          clearTimeout(timer);
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    child.kill('SIGKILL');
    await exited(child);
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    if (!/already active|Cannot establish any listening sockets/.test(stderr + log)) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`Xorg ${display} did not start:\n${stderr}\n${log.split('\n').slice(-30).join('\n')}`);
    }
    from = number + 1;
  }
  rmSync(dir, { recursive: true, force: true });
  throw new Error('Xorg found no free display number after 5 tries');
}
