import type { Kysely } from 'kysely';
import { SyncFailure, type SyncTransport } from '../../src-main/services/sync';
import type { WorkingCalendar } from '../../src-shared/domain/cases/calendar';
import {
  parseCursor,
  type PullResponse,
  PullResponseSchema,
  type PushRequest,
  PushRequestSchema,
  PushResponseSchema,
} from '../../src-shared/sync/protocol';
import type { DialectName } from '../../src-server/db/dialect';
import type { ServerDatabase } from '../../src-server/db/schema';
import { createDeviceAuthenticator, enrolDevice } from '../../src-server/sync/devices';
import { readEpoch } from '../../src-server/sync/epoch';
import { readPage, ResyncRequired } from '../../src-server/sync/pull';
import { applyPush } from '../../src-server/sync/push';

/**
 * What the network does to the next request of a client.
 * - deliver: normal.
 * - drop_request: lost before the server (nothing happens there).
 * - drop_reply: the server commits, the reply is lost (the partition that matters).
 * - duplicate: delivered twice (a proxy retry); the client gets the second reply.
 * - concurrent: delivered twice at the same time (PostgreSQL: two transactions race for the same numbers).
 * - hold: delayed; the server gets it later, after other traffic (reordering); the client times out now.
 * - replay (pull only): the client gets a page it was sent before, not the current one.
 */
export const FAULTS = ['deliver', 'drop_request', 'drop_reply', 'duplicate', 'concurrent', 'hold', 'replay'] as const;
export type Fault = (typeof FAULTS)[number];

/** What the server answered, over all runs: proof the faults did what they claim. */
export interface NetworkStats {
  applied: number;
  rejected: number;
  duplicate: number;
  outOfOrder: number;
  held: number;
  replayed: number;
}

export interface ModelNetwork {
  transportFor(client: number): SyncTransport;
  setFault(client: number, fault: Fault): void;
  /** Deliver every held request now, in random order given by `order`. */
  release(order: readonly number[]): Promise<void>;
  heldCount(): number;
}

export const networkStats: NetworkStats = {
  applied: 0,
  rejected: 0,
  duplicate: 0,
  outOfOrder: 0,
  held: 0,
  replayed: 0,
};

/** JSON on the wire: what the client gets is what survives a round trip through text. */
function wire<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/**
 * The sync server's own functions, reached without HTTP but with every message serialised and parsed with the
 * protocol's schemas, behind a network that loses, duplicates, delays and replays.
 */
export function createModelNetwork(deps: {
  db: Kysely<ServerDatabase>;
  dialect: DialectName;
  calendar: WorkingCalendar;
  now: () => Date;
}): ModelNetwork {
  const faults = new Map<number, Fault>();
  const held: (() => Promise<unknown>)[] = [];
  const pages = new Map<number, PullResponse[]>();
  const authenticate = createDeviceAuthenticator(deps.db);

  const take = (client: number): Fault => {
    const fault = faults.get(client) ?? 'deliver';
    faults.delete(client);
    return fault;
  };

  async function device(creds: { deviceId: string; secret: string }): Promise<string> {
    const check = await authenticate(creds.deviceId, creds.secret, '0.1.0', deps.now());
    if (!check.ok) throw new SyncFailure(check.code === 'device_revoked' ? 'revoked' : 'unauthorized', check.code);
    return check.deviceId;
  }

  async function push(deviceId: string, request: PushRequest) {
    const parsed = PushRequestSchema.parse(wire(request));
    const results = await applyPush(deps.db, deviceId, parsed, { calendar: deps.calendar, now: deps.now });
    for (const r of results) {
      if (r.status === 'out_of_order') networkStats.outOfOrder++;
      else networkStats[r.status]++;
    }
    return PushResponseSchema.parse(wire({ ok: true, epoch: await readEpoch(deps.db), results }));
  }

  return {
    setFault: (client, fault) => void faults.set(client, fault),
    heldCount: () => held.length,
    async release(order) {
      const batch = held.splice(0);
      const sorted = batch.map((run, i) => ({ run, key: order[i % Math.max(order.length, 1)] ?? i }));
      sorted.sort((a, b) => a.key - b.key);
      for (const { run } of sorted) await run().catch(() => undefined);
    },
    transportFor(client) {
      return {
        async enrol(label) {
          const enrolled = await enrolDevice(deps.db, label, 'model-test', deps.now());
          return { ok: true, ...enrolled, epoch: await readEpoch(deps.db) };
        },
        async push(creds, request) {
          const fault = take(client);
          const deviceId = await device(creds);
          switch (fault) {
            case 'drop_request':
              throw new SyncFailure('offline', 'request lost');
            case 'hold':
              held.push(() => push(deviceId, request));
              networkStats.held++;
              throw new SyncFailure('timeout', 'request delayed');
            case 'drop_reply':
              await push(deviceId, request);
              throw new SyncFailure('timeout', 'reply lost');
            case 'duplicate':
              await push(deviceId, request);
              return push(deviceId, request);
            case 'concurrent': {
              const [, second] = await Promise.all([push(deviceId, request), push(deviceId, request)]);
              return second;
            }
            default:
              return push(deviceId, request);
          }
        },
        async pull(creds, query) {
          const fault = take(client);
          await device(creds);
          if (fault === 'drop_request') throw new SyncFailure('offline', 'request lost');
          const cursor = query.cursor ? parseCursor(query.cursor) : null;
          if (query.cursor && !cursor) throw new SyncFailure('invalid', 'bad cursor');
          let page: PullResponse;
          try {
            page = await readPage(
              deps.db,
              deps.dialect,
              { epoch: cursor?.epoch ?? null, since: cursor?.seq ?? 0, limit: query.limit },
              deps.now(),
            );
          } catch (error) {
            if (error instanceof ResyncRequired) {
              throw new SyncFailure('resync_required', error.message, { epoch: error.epoch });
            }
            throw error;
          }
          const seen = pages.get(client) ?? [];
          pages.set(client, [...seen.slice(-4), page]);
          if (fault === 'drop_reply' || fault === 'hold') throw new SyncFailure('timeout', 'reply lost');
          const delivered = fault === 'replay' && seen.length > 0 ? seen[0]! : page;
          if (delivered !== page) networkStats.replayed++;
          return PullResponseSchema.parse(wire(delivered));
        },
      };
    },
  };
}
