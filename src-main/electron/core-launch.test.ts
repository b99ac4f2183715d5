import { describe, expect, it } from 'vitest';
import { coreArgs, coreEnv, createLaunchSecret } from './core-launch';

describe('createLaunchSecret', () => {
  it('is 32 random bytes in hex', () => {
    const a = createLaunchSecret();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(createLaunchSecret()).not.toBe(a);
  });
});

describe('coreArgs', () => {
  it('builds the headless argv', () => {
    expect(coreArgs(0)).toEqual(['--headless', '--port', '0']);
    expect(coreArgs(49152)).toEqual(['--headless', '--port', '49152']);
  });

  it('rejects impossible ports', () => {
    expect(() => coreArgs(-1)).toThrow(RangeError);
    expect(() => coreArgs(65536)).toThrow(RangeError);
    expect(() => coreArgs(1.5)).toThrow(RangeError);
  });
});

describe('coreEnv', () => {
  it('passes the secret and data dir in env, never in argv', () => {
    const secret = createLaunchSecret();
    const env = coreEnv({ base: { PATH: '/usr/bin', HOME: '/home/op' }, launchSecret: secret, dataDir: '/data' });
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/home/op', IOC_LAUNCH_SECRET: secret, IOC_DATA_DIR: '/data' });
    expect(coreArgs(0).join(' ')).not.toContain(secret);
  });

  it('drops undefined values and variables that would alter or expose the core', () => {
    const env = coreEnv({
      base: {
        NODE_OPTIONS: '--require evil.js',
        ELECTRON_RUN_AS_NODE: '1',
        FFREPORT: 'file=x',
        EMPTY: undefined,
        LANG: 'vi_VN.UTF-8',
      },
      launchSecret: 's',
      dataDir: '/d',
    });
    expect(env).toEqual({ LANG: 'vi_VN.UTF-8', IOC_LAUNCH_SECRET: 's', IOC_DATA_DIR: '/d' });
  });

  it('adds IOC_RESOURCES_DIR only when given', () => {
    expect(coreEnv({ base: {}, launchSecret: 's', dataDir: '/d', resourcesDir: '/r' }).IOC_RESOURCES_DIR).toBe('/r');
    expect(coreEnv({ base: {}, launchSecret: 's', dataDir: '/d' })).not.toHaveProperty('IOC_RESOURCES_DIR');
  });

  it('overrides any inherited IOC_LAUNCH_SECRET', () => {
    const env = coreEnv({
      base: { IOC_LAUNCH_SECRET: 'stale', IOC_DATA_DIR: '/old' },
      launchSecret: 'fresh',
      dataDir: '/new',
    });
    expect(env.IOC_LAUNCH_SECRET).toBe('fresh');
    expect(env.IOC_DATA_DIR).toBe('/new');
  });
});
