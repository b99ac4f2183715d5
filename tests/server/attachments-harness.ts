import { request } from 'node:http';
import { parseServerConfig } from '../../src-server/config';
import { silentLogger } from '../../src-server/logging/logger';
import { startCentralServer } from '../../src-server/server';
import { enrolDevice } from '../../src-server/sync/devices';
import { makeTempDir } from '../integration/tmp-dir';
import type { TestDatabase } from './databases';
import { APP_ROOT, TEST_API_KEY, TEST_PASSWORD, type TestServer } from './server-harness';

/** Caps small enough to test cheaply: photos up to 1 MB, videos (and so uploads) up to 2 MB. */
export const TEST_MEDIA_ENV = { IOC_MEDIA_MAX_IMAGE_MB: '1', IOC_MEDIA_MAX_VIDEO_MB: '2' };

export interface MediaTestServer extends TestServer {
  mediaDir: string;
  /** `Authorization` of an enrolled workstation. */
  deviceAuth: string;
}

/** A real central server (demo users, so `operator` exists) with its blob store in a temp folder. */
export async function startMediaServer(db: TestDatabase): Promise<MediaTestServer> {
  const media = makeTempDir('ioc-media-');
  const config = parseServerConfig(
    ['--port', '0'],
    {
      IOC_SERVER_DB: db.arg,
      IOC_OPEN311_API_KEY: TEST_API_KEY,
      IOC_DEMO_PASSWORD: TEST_PASSWORD,
      IOC_MQTT_URL: 'off',
      IOC_MEDIA_DIR: media.dir,
      ...TEST_MEDIA_ENV,
    },
    APP_ROOT,
  );
  const clock = { now: new Date() };
  const server = await startCentralServer(config, silentLogger, { now: () => clock.now });
  const device = await enrolDevice(server.database.db, 'test workstation', 'test', clock.now);
  return {
    server,
    url: server.url,
    clock,
    mediaDir: media.dir,
    deviceAuth: `Bearer ${device.deviceId}.${device.deviceSecret}`,
    stop: async () => {
      await server.dispose();
      media.remove();
    },
  };
}

/** A multipart/form-data body as a browser builds it. */
export function multipartBody(
  fields: Record<string, string>,
  files: { field: string; fileName: string; type: string; data: Buffer }[],
): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const f of files) form.append(f.field, new Blob([new Uint8Array(f.data)], { type: f.type }), f.fileName);
  return form;
}

/**
 * A PATCH whose connection is cut after `sendBytes` of a body that announced more: an upload interrupted by a
 * network drop. Resolves once the client side has closed.
 */
export function interruptedPatch(url: string, headers: Record<string, string>, body: Buffer, sendBytes: number) {
  return new Promise<void>((resolve) => {
    const req = request(url, {
      method: 'PATCH',
      headers: { ...headers, 'content-length': String(body.length) },
    });
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.write(body.subarray(0, sendBytes), () => setTimeout(() => req.destroy(), 100));
  });
}
