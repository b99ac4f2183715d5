import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServerConfig } from '../../src-server/config';
import { createLogger } from '../../src-server/logging/logger';
import { type CentralServer, startCentralServer } from '../../src-server/server';
import { createDatabase, type TestDatabase } from '../server/databases';
import { APP_ROOT } from '../server/server-harness';
import { PASSWORD } from './harness';

/** The real server at the default log level: requests that went well leave no line, failures do. */
describe('central server request log', () => {
  let db: TestDatabase;
  let server: CentralServer;
  const lines: { level: string; message: string; url?: string }[] = [];
  beforeAll(async () => {
    db = await createDatabase('sqlite');
    const config = parseServerConfig(
      ['--port', '0'],
      { IOC_SERVER_DB: db.arg, IOC_DEMO_PASSWORD: PASSWORD, IOC_MQTT_URL: 'off' },
      APP_ROOT,
    );
    const logger = createLogger({ level: 'info', write: (l) => lines.push(JSON.parse(l) as (typeof lines)[number]) });
    server = await startCentralServer(config, logger);
  });
  afterAll(async () => {
    await server?.dispose();
    await db?.drop();
  });

  it('logs neither successful nor refused requests at info', async () => {
    lines.length = 0;
    expect((await fetch(`${server.url}/open311/v2/services.json?api_key=topsecret`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/alerts`)).status).toBe(401);
    expect((await fetch(`${server.url}/no-such-page`)).status).toBe(404);
    // ('http slow' may appear on a loaded machine: that one is wanted.)
    expect(lines.filter((l) => l.message === 'http')).toEqual([]);
    expect(JSON.stringify(lines)).not.toContain('topsecret');
  });
});
