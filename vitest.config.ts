import { defineConfig } from 'vitest/config';

// tests/netns/ talk to simulated cameras whose answers carry private addresses: they run only in the second,
// loopback-only invocation that scripts/test.mjs starts under `unshare -n` with IOC_NETNS=1.
const netns = process.env.IOC_NETNS === '1';

export default defineConfig({
  test: {
    include: netns
      ? ['tests/netns/**/*.test.ts']
      : ['src-*/**/*.test.{ts,tsx}', 'sim/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', ...(netns ? [] : ['tests/netns/**'])],
    // 2-core machines: e2e and integration tests start real processes; keep parallelism modest.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits for something that will happen (a video starting, a row appearing); its 1 s default
    // fails under the load of a full run (a case video took longer than 1 s to start in CI). A poll that
    // succeeds returns at once, so a long default costs nothing when the code is right.
    expect: { poll: { timeout: 15_000 } },
  },
});
