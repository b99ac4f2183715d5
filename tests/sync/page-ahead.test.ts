import { describe, expect, it } from 'vitest';
import type { SyncTransport } from '../../src-main/services/sync/transport';
import type { PullResponse } from '../../src-shared/sync/protocol';
import { openWorkstation } from './harness';

const EPOCH = 'epoch-page-ahead';

function pageAfter(cursor: string | null): PullResponse {
  const since = cursor === null ? 0 : Number(cursor.split(':')[1]);
  return {
    ok: true,
    epoch: EPOCH,
    since,
    cursor: `${EPOCH}:${since + 5}`,
    upToDate: since > 0,
    serverTime: new Date().toISOString(),
    cases: [],
    events: [],
    wall: [],
    attachments: [],
  };
}

describe('asking for the next page ahead', () => {
  it('hands the request to the network before this page is written, and uses its reply once', async () => {
    const sent: (string | null)[] = [];
    const transport: SyncTransport = {
      enrol: async () => ({ ok: true, deviceId: 'device-page-ahead', deviceSecret: 's'.repeat(40), epoch: EPOCH }),
      push: () => Promise.reject(new Error('nothing to push')),
      // As fetch does: the request leaves on a later turn of the event loop, never while a page is being written.
      pull: (_credentials, query) =>
        new Promise((resolve) =>
          setImmediate(() => {
            sent.push(query.cursor);
            resolve(pageAfter(query.cursor));
          }),
        ),
    };
    const w = openWorkstation('http://127.0.0.1:9', { transport });
    try {
      const first = await w.sync.steps!.pullPage(0);
      expect(first.upToDate).toBe(false);
      // Sent before the first page was written (pullPage returns right after writing it).
      expect(sent).toEqual([null, `${EPOCH}:5`]);
      const second = await w.sync.steps!.pullPage(0);
      expect(second.upToDate).toBe(true);
      expect(sent).toEqual([null, `${EPOCH}:5`]);
    } finally {
      await w.close();
    }
  });
});
