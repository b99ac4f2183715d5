// Runs a TypeScript script inside a fresh network namespace that has nothing but loopback: whatever it tries to
// reach outside 127.0.0.0/8 fails, and nobody else's traffic (other tests' probes on 3702) can reach it.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
// `ip link set lo up`: a new namespace's loopback starts down. The multicast route lets WS-Discovery probes to
// 239.255.255.250 leave through lo, the only interface there is.
const SETUP = 'ip link set lo up && ip route add 224.0.0.0/4 dev lo && exec "$0" "$@"';

export interface NamespaceRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** True when this process may create network namespaces (root with unshare available). */
export async function canUseNetworkNamespace(): Promise<boolean> {
  const run = await runCommand(['unshare', '-n', 'true'], 5_000);
  return run.code === 0;
}

function runCommand(argv: string[], timeoutMs: number): Promise<NamespaceRun> {
  return new Promise((resolvePromise) => {
    const [command = '', ...args] = argv;
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolvePromise({ code: null, stdout, stderr: stderr + String(error) });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

/** `node --import tsx <script> ...args` in a loopback-only namespace; resolves when it exits (killed at the cap). */
export function runInLoopbackNamespace(script: string, args: string[] = [], timeoutMs = 30_000): Promise<NamespaceRun> {
  return runCommand(
    ['unshare', '-n', '/bin/sh', '-c', SETUP, process.execPath, '--import', 'tsx', resolve(ROOT, script), ...args],
    timeoutMs,
  );
}
