// The camera service used in-process by other services (streams), and its site filtering, on a real SQLite file.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src-main/core/logger';
import { createAuditLog } from '../../src-main/services/audit';
import { createCameraService, type CameraService } from '../../src-main/services/cameras';
import { createSecretsService } from '../../src-main/services/secrets';
import { openStore, type Store } from '../../src-main/services/store';
import { makeTempDir } from '../integration/tmp-dir';
import { assertLoopbackOnly, simFleet } from './harness';

const fleet = simFleet();
const temp = makeTempDir('ioc-cam-service-');
let store: Store;
let cameras: CameraService;
const published: string[] = [];

beforeAll(() => {
  assertLoopbackOnly();
  store = openStore({ path: join(temp.dir, 'ioc.sqlite') });
  store.sqlite.prepare("INSERT INTO sites (id, name, name_folded) VALUES ('a', 'A', 'a'), ('b', 'B', 'b')").run();
  cameras = createCameraService({
    store,
    secrets: createSecretsService({ store, dataDir: temp.dir }),
    audit: createAuditLog(store),
    logger: silentLogger,
    publish: (event) => published.push(event),
  });
});
afterAll(async () => {
  await cameras.dispose();
  await store.dispose();
  await fleet.disposeAll();
  temp.remove();
});

describe('camera service', () => {
  it('gives the streams service the rewritten RTSP URL, codec and stored credentials; sub falls back to main', async () => {
    const hik = await fleet.start({
      personality: 'hikvision',
      username: 'u',
      password: 'Mật khẩu',
      rtspUrl: 'rtsp://127.0.0.1:8554/main',
      rtspUrls: { Profile_2: 'rtsp://127.0.0.1:8554/sub' },
      videoEncodings: { Profile_1: 'H265' },
    });
    const axis = await fleet.start({
      personality: 'axis',
      username: 'u',
      password: 'p',
      rtspUrl: 'rtsp://127.0.0.1:8554/axis',
    });
    const actor = { userId: null };
    const h = await cameras.add(
      { host: hik.host, port: hik.port, username: 'u', password: 'Mật khẩu', siteId: 'a' },
      actor,
    );
    const a = await cameras.add({ host: axis.host, port: axis.port, username: 'u', password: 'p', siteId: 'b' }, actor);
    expect(await cameras.streamSource(h.id, 'main')).toEqual({
      url: 'rtsp://127.0.0.1:8554/main',
      username: 'u',
      password: 'Mật khẩu',
      codec: 'H265',
    });
    expect((await cameras.streamSource(h.id, 'sub')).url).toBe('rtsp://127.0.0.1:8554/sub');
    expect((await cameras.streamSource(a.id, 'sub')).url).toBe('rtsp://127.0.0.1:8554/axis');
    await expect(cameras.streamSource('missing', 'main')).rejects.toMatchObject({ code: 'not_found' });

    expect((await cameras.list({ sites: ['a'] })).map((c) => c.id)).toEqual([h.id]);
    expect((await cameras.list({ sites: ['*'] })).length).toBe(2);
    expect((await cameras.list({ sites: ['*'], siteId: 'b' })).map((c) => c.id)).toEqual([a.id]);
  });

  it('ensure() is idempotent by host and port', async () => {
    const sim = await fleet.start({ personality: 'agsh', username: 'u', password: 'p' });
    const entry = {
      name: 'Demo',
      siteId: 'a',
      host: sim.host,
      port: sim.port,
      username: 'u',
      password: 'p',
      location: null,
      headingDeg: null,
      fovDeg: null,
    };
    expect(await cameras.ensure(entry)).toBe('added');
    expect(await cameras.ensure({ ...entry, name: 'Again' })).toBe('exists');
    expect((await cameras.list({ sites: ['*'] })).filter((c) => c.port === sim.port)).toHaveLength(1);
  });
});
