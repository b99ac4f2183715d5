import { describe, expect, test } from 'vitest';
import { signIn } from './app';
import { browserSuite } from './suite';

/**
 * The header's certificate notice and the Cameras page both show which cameras wait for a technician to trust their
 * rtsps certificate. They read one copy in the window: opening the page under the header asks the core nothing more.
 */
describe('cameras waiting for certificate trust: one request for the header and the Cameras page', () => {
  const suite = browserSuite();

  test('opening the Cameras page sends no second cameras.certificatesAwaiting', { timeout: 60_000 }, async () => {
    const { core, page } = suite;
    const sent: string[] = [];
    page.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        if (typeof payload !== 'string') return;
        const frame = JSON.parse(payload) as { t?: string; command?: string };
        if (frame.t === 'call' && frame.command !== undefined) sent.push(frame.command);
      }),
    );
    const asked = () => sent.filter((command) => command === 'cameras.certificatesAwaiting').length;

    await signIn(page, core.url, 'technician');
    // The header's notice asks once it is signed in.
    await expect.poll(asked).toBe(1);

    const before = sent.length;
    await page.getByTestId('nav-cameras').click();
    // The page's hooks run in order: by the time its sites.list (after the certificates in CamerasPage) has gone
    // out, a request of the page's own for the certificates would have gone out too.
    await expect.poll(() => sent.slice(before)).toContain('sites.list');
    expect(sent.slice(before)).toContain('cameras.list');
    expect(asked()).toBe(1);
  });
});
