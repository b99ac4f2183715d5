// The simulated camera fleet `npm start` runs next to the core (issue 3): sim/fleet/cli.ts as a child process.
import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { DEBIAN_PACKAGES, ROOT, log } from './setup-lib.mjs';

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

/** The core's data folder, as src-main/core/config.ts and Electron's userData choose it. */
export function coreDataDir(args, env = process.env) {
  const index = args.findIndex((a) => a === '--data-dir' || a.startsWith('--data-dir='));
  const flag = index < 0 ? undefined : args[index].includes('=') ? args[index].split('=')[1] : args[index + 1];
  if (flag) return resolve(flag);
  if (env.IOC_DATA_DIR) return resolve(env.IOC_DATA_DIR);
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'IOC Wall');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'IOC Wall');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'IOC Wall');
}

function gstreamerCommand() {
  const packages = DEBIAN_PACKAGES.start.filter((p) => p !== 'ffmpeg');
  const command = `apt-get update && apt-get install -y ${packages.join(' ')}`;
  return process.getuid?.() === 0 ? command : `sudo sh -c '${command}'`;
}

/**
 * Starts the fleet and waits for `FLEET_READY <manifest>`. Never fails `npm start`: without GStreamer (or on any
 * other fleet error) it says why and resolves with `manifestPath: null`, and the workstation starts without it.
 * Its stdin stays a pipe from us, so the fleet also stops if this launcher dies.
 */
export function startDemoFleetChild(dataDir) {
  log('Starting the simulated camera fleet (sim/fleet)…');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'sim', 'fleet', 'cli.ts'), '--data-dir', dataDir],
    {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  let exited = false;
  let stopping = false;
  const exit = new Promise((resolveExit) =>
    child.once('exit', () => {
      exited = true;
      resolveExit();
    }),
  );
  const stop = async () => {
    stopping = true;
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exit;
    clearTimeout(timer);
  };
  return new Promise((resolveStart) => {
    let settled = false;
    const done = (manifestPath) => {
      settled = true;
      clearTimeout(timer);
      resolveStart({ manifestPath, stop });
    };
    const timer = setTimeout(() => {
      log(`The camera fleet did not start within ${READY_TIMEOUT_MS / 1000} s; going on without it.`);
      void stop().then(() => done(null));
    }, READY_TIMEOUT_MS);
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('FLEET_READY ')) {
        log('Camera fleet ready.');
        done(line.slice('FLEET_READY '.length));
      } else if (line.startsWith('FLEET_UNAVAILABLE ')) {
        log(`No simulated cameras: ${line.slice('FLEET_UNAVAILABLE '.length)}`);
        log(`GStreamer's RTSP server is needed for them. Install it with:\n    ${gstreamerCommand()}`);
      } else process.stdout.write(line + '\n');
    });
    child.once('exit', (code, signal) => {
      if (stopping) return;
      if (!settled) {
        if (code !== 3) log(`The camera fleet could not start (exit ${code ?? signal}); going on without it.`);
        done(null);
      } else log(`The camera fleet stopped unexpectedly (exit ${code ?? signal}).`);
    });
  });
}
