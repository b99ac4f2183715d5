import { describe, expect, it } from 'vitest';
import { redact } from './redact';

describe('redact', () => {
  it('hides credentials in URLs such as ffmpeg echoes them', () => {
    expect(redact('[rtsp @ 0x55] method DESCRIBE failed: 401 rtsp://admin:S3cr#t@10.0.0.5:554/Streaming')).toBe(
      '[rtsp @ 0x55] method DESCRIBE failed: 401 rtsp://***:***@10.0.0.5:554/Streaming',
    );
  });
  it('hides JSON and key=value secrets and bearer tokens', () => {
    expect(redact('{"username":"op","password":"hunter2"}')).toBe('{"username":"op","password":"***"}');
    expect(redact('token=abc.def&x=1')).toBe('token=***&x=1');
    expect(redact('Authorization: Bearer eyJhbGciOi.x-y_z')).toBe('Authorization: ***');
    expect(redact('sent Bearer eyJhbGciOi.x-y_z to core')).toBe('sent Bearer *** to core');
  });
  it('leaves ordinary text alone', () => {
    expect(redact('Camera Ngã tư Lê Lợi online at http://127.0.0.1:8080/')).toBe(
      'Camera Ngã tư Lê Lợi online at http://127.0.0.1:8080/',
    );
  });
});
