// A TypeScript entry point run by `npm start` as a child process, and how it is stopped.
import { spawn } from 'node:child_process';
import { ROOT } from './setup-lib.mjs';

const STOP_GRACE_MS = 5_000;

/**
 * Runs `node --import tsx <args>` from the repo root, stdout piped to us and stderr inherited. Its stdin stays a
 * pipe from us, so it is not orphaned if this launcher dies. `stop()` sends SIGTERM, SIGKILL after a grace
 * period, and resolves once the child has exited.
 */
export function spawnTsxChild(args, env = process.env) {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let exited = false;
  const exit = new Promise((resolveExit) =>
    child.once('exit', () => {
      exited = true;
      resolveExit();
    }),
  );
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exit;
    clearTimeout(timer);
  };
  return { child, stop };
}
