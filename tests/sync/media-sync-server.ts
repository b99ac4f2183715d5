import { parseServerConfig } from '../../src-server/config';
import { silentLogger } from '../../src-server/logging/logger';
import { type CentralServer, startCentralServer } from '../../src-server/server';
import type { TestDatabase } from '../server/databases';
import { APP_ROOT, TEST_API_KEY, TEST_PASSWORD } from '../server/server-harness';
import { ENROL_SECRET } from './harness';

/** A real central server that workstations enrol with, keeping its case media in `mediaDir`; no MQTT. */
export function startMediaSyncServer(db: TestDatabase, mediaDir: string): Promise<CentralServer> {
  const config = parseServerConfig(
    ['--port', '0'],
    {
      IOC_SERVER_DB: db.arg,
      IOC_OPEN311_API_KEY: TEST_API_KEY,
      IOC_DEMO_PASSWORD: TEST_PASSWORD,
      IOC_SYNC_ENROL_SECRET: ENROL_SECRET,
      IOC_MQTT_URL: 'off',
      IOC_MEDIA_DIR: mediaDir,
    },
    APP_ROOT,
  );
  return startCentralServer(config, silentLogger);
}

/** Stores `bytes` on the server and links them to the case as a public citizen attachment; returns the media. */
export async function attachCitizenMedia(
  server: CentralServer,
  caseId: string,
  bytes: Buffer,
  { fileName = 'anh.jpg', addedBy = 'open311:test' } = {},
) {
  const processed = await server.attachments.ingestBuffer(bytes, new Date());
  await server.attachments.link({
    caseId,
    mediaSha256: processed.sha256,
    kind: 'citizen',
    public: true,
    fileName,
    addedBy,
    now: new Date(),
  });
  return processed;
}
