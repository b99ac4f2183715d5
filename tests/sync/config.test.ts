import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src-main/core/config';
import { parseServerConfig, ServerConfigError } from '../../src-server/config';
import { APP_ROOT } from './harness';

describe('sync configuration', () => {
  it('takes the server URL from --server or IOC_SERVER_URL, and the enrolment secret from the environment only', () => {
    const env = { IOC_SERVER_URL: 'http://127.0.0.1:9000', IOC_SYNC_ENROL_SECRET: 'bi-mat-dang-ky-0123456789' };
    expect(parseConfig([], env, APP_ROOT)).toMatchObject({
      serverUrl: 'http://127.0.0.1:9000',
      syncEnrolSecret: 'bi-mat-dang-ky-0123456789',
    });
    expect(parseConfig(['--server', 'http://127.0.0.1:9001'], env, APP_ROOT).serverUrl).toBe('http://127.0.0.1:9001');
    expect(parseConfig([], {}, APP_ROOT)).toMatchObject({ serverUrl: null, syncEnrolSecret: null });
  });

  it('refuses a short enrolment secret on the server', () => {
    expect(() => parseServerConfig([], { IOC_SYNC_ENROL_SECRET: 'short' }, APP_ROOT)).toThrow(ServerConfigError);
    expect(parseServerConfig([], { IOC_SYNC_ENROL_SECRET: 'x'.repeat(16) }, APP_ROOT).syncEnrolSecret).toBe(
      'x'.repeat(16),
    );
  });
});
