import { describe, expect, it } from 'vitest';
import { parseServerConfig, ServerConfigError } from './config';

const ROOT = '/opt/ioc';

describe('parseServerConfig', () => {
  it('reads --port, --db and --no-demo, with loopback and embedded SQLite as defaults', () => {
    expect(parseServerConfig([], {}, ROOT)).toMatchObject({
      host: '127.0.0.1',
      port: 8090,
      database: { kind: 'sqlite', path: '/opt/ioc/.data/central.sqlite' },
      demo: true,
      resourcesDir: '/opt/ioc/resources',
      jurisdictionId: 'dongthap.gov.vn',
    });
    const c = parseServerConfig(['--port', '0', '--db=postgres://ioc@127.0.0.1:5432/ioc', '--no-demo'], {}, ROOT);
    expect(c).toMatchObject({
      port: 0,
      demo: false,
      database: { kind: 'postgres', url: 'postgres://ioc@127.0.0.1:5432/ioc' },
    });
  });

  it('takes secrets from the environment only', () => {
    const c = parseServerConfig(
      [],
      {
        IOC_SERVER_DB: 'postgres://ioc:pw@db.local/ioc',
        IOC_DEMO_PASSWORD: 'demo-pass',
        IOC_OPEN311_API_KEY: '  a-long-enough-api-key  ',
      },
      ROOT,
    );
    expect(c).toMatchObject({ demoPassword: 'demo-pass', open311ApiKey: 'a-long-enough-api-key' });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://ioc:pw@db.local/ioc' });
    expect(() => parseServerConfig(['--db', 'postgres://ioc:pw@db.local/ioc'], {}, ROOT)).toThrow(
      /must not contain a password/,
    );
    expect(() => parseServerConfig([], { IOC_OPEN311_API_KEY: 'short' }, ROOT)).toThrow(/at least 16/);
  });

  it('explains unknown options and bad values without echoing them raw', () => {
    expect(() => parseServerConfig(['--api-key', 'x'], {}, ROOT)).toThrow(ServerConfigError);
    expect(() => parseServerConfig(['--port', '70000'], {}, ROOT)).toThrow(/0–65535/);
    expect(() => parseServerConfig(['--port', '-1'], {}, ROOT)).toThrow(/0–65535/);
    expect(() => parseServerConfig(['--port'], {}, ROOT)).toThrow(/needs a value/);
    expect(() => parseServerConfig(['--user=a:b@c'], {}, ROOT)).toThrow(ServerConfigError);
  });
});
