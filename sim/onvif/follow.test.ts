import { describe, expect, it } from 'vitest';
import { PERSONALITIES, PERSONALITY_SPECS } from './personalities';
import { canUseNetworkNamespace, runInLoopbackNamespace } from './testing/netns';

interface Followed {
  personality: string;
  privateHost: string;
  unreachable: string;
  stream: string;
  snapshot: { status: number; type: string; bytes: number };
  subscription: string;
  notifications: number;
}

describe('the URI contract, followed end to end in a loopback-only network namespace', () => {
  it('works for every personality once the client puts back the host it reached the camera at', async (ctx) => {
    if (!(await canUseNetworkNamespace())) {
      if (process.env.IOC_REQUIRE_SERVICES === '1')
        throw new Error('network namespaces (unshare -n, root) are required');
      ctx.skip();
    }
    const run = await runInLoopbackNamespace('sim/onvif/testing/follow-scenario.ts', [], 60_000);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const results = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '[]') as Followed[];
    expect(results.map((r) => r.personality)).toEqual([...PERSONALITIES]);
    for (const r of results) {
      const spec = PERSONALITY_SPECS[r.personality as keyof typeof PERSONALITY_SPECS];
      expect(r.privateHost).toBe(spec.capturedHost);
      // The captured address leads nowhere here: a missed rewrite fails instead of sending traffic.
      expect(r.unreachable).toBe('ENETUNREACH');
      expect(r.stream).toBe(`rtsp://${spec.capturedHost}:8554/cam7/main?transport=tcp`);
      expect(r.snapshot).toMatchObject({ status: 200, type: 'image/jpeg' });
      expect(r.snapshot.bytes).toBeGreaterThan(100);
      expect(new URL(r.subscription).hostname).toBe(spec.capturedHost);
      expect(r.notifications).toBe(2); // the initial state, then the motion
    }
  });
});
