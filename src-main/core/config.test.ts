import { describe, expect, it } from 'vitest';
import { ConfigError, defaultDataDir, parseConfig } from './config';

describe('parseConfig', () => {
  it('defaults to loopback, port 8080, demo on, the per-user data folder', () => {
    const c = parseConfig([], { HOME: '/home/an' }, '/app');
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      demo: true,
      headless: false,
      rendererDir: '/app/dist/renderer',
      launchSecret: null,
    });
    expect(c.dataDir).toBe(defaultDataDir({ HOME: '/home/an' }));
  });
  it('reads the options scripted checks use', () => {
    const c = parseConfig(
      ['--headless', '--port', '0', '--data-dir=/tmp/ws1', '--no-demo', '--server', 'http://127.0.0.1:9000'],
      {},
      '/app',
    );
    expect(c).toMatchObject({
      headless: true,
      port: 0,
      dataDir: '/tmp/ws1',
      demo: false,
      serverUrl: 'http://127.0.0.1:9000',
    });
  });
  it('takes secrets only from the environment', () => {
    const c = parseConfig([], { IOC_LAUNCH_SECRET: 'abc', IOC_DEMO_PASSWORD: 'pw' }, '/app');
    expect(c).toMatchObject({ launchSecret: 'abc', demoPassword: 'pw', allowedOrigins: ['app://ioc'] });
    expect(() => parseConfig(['--password', 'x'], {}, '/app')).toThrow(ConfigError);
  });
  it('reads H.264 in the core unless IOC_STREAM_INGEST says ffmpeg', () => {
    expect(parseConfig([], {}, '/app').streamIngest).toBe('native');
    expect(parseConfig([], { IOC_STREAM_INGEST: 'ffmpeg' }, '/app').streamIngest).toBe('ffmpeg');
    expect(() => parseConfig([], { IOC_STREAM_INGEST: 'gstreamer' }, '/app')).toThrow(/native or ffmpeg/);
  });
  it('explains bad values', () => {
    expect(() => parseConfig(['--port', 'abc'], {}, '/app')).toThrow(/--port must be 0–65535/);
    expect(() => parseConfig(['--port'], {}, '/app')).toThrow(/needs a value/);
    expect(() => parseConfig(['--server', 'ftp://x'], {}, '/app')).toThrow(/http\(s\) URL/);
  });
  it('puts data where Electron keeps userData on each platform', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe('/x/IOC Wall');
    expect(defaultDataDir({ APPDATA: 'C:/Users/an/AppData/Roaming' }, 'win32')).toMatch(/Roaming.IOC Wall$/);
  });
});
