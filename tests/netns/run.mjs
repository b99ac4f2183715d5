// Runs tests/netns/ in a network namespace that has nothing but loopback (`unshare -n`): the ONVIF captures carry
// cameras' private addresses (192.168.x, 10.x), so a missed rewrite must fail there instead of sending traffic.
// Usage: node tests/netns/run.mjs [vitest args…]. Exit code: vitest's, or 0 with a loud warning when namespaces
// are not available (non-root laptop) unless IOC_REQUIRE_SERVICES=1, which makes that a failure.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const vitest = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const SETUP = 'ip link set lo up && ip route add 224.0.0.0/4 dev lo && exec "$0" "$@"';

export function namespacesAvailable() {
  const probe = spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore' });
  return probe.status === 0;
}

export function runNetnsTests(args = []) {
  if (!namespacesAvailable()) {
    const banner = '!'.repeat(100);
    const message =
      'tests/netns NOT RUN: this machine cannot create a loopback-only network namespace (`unshare -n` needs ' +
      'root, util-linux and iproute2). The ONVIF camera integration tests were skipped.';
    process.stderr.write(`\n${banner}\n${message}\n${banner}\n\n`);
    if (process.env.IOC_REQUIRE_SERVICES === '1') {
      process.stderr.write('IOC_REQUIRE_SERVICES=1: failing instead of skipping.\n');
      return 1;
    }
    return 0;
  }
  const result = spawnSync('unshare', ['-n', 'sh', '-c', SETUP, process.execPath, vitest, 'run', ...args], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, IOC_NETNS: '1' },
  });
  return result.status ?? 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(runNetnsTests(process.argv.slice(2)));
