import { describe, expect, it } from 'vitest';
import { classifyStderr, stripPrefix } from './stderr';

describe('ffmpeg stderr lines', () => {
  it('recognises the level, an opened input, refused credentials and decoder noise', () => {
    expect(classifyStderr("[info] Input #0, concat, from '/tmp/a/b.ffconcat':")).toMatchObject({
      level: 'info',
      inputOpened: true,
      auth: false,
    });
    expect(classifyStderr('[rtsp @ 0x55d0c1] [error] method DESCRIBE failed: 401 Unauthorized')).toMatchObject({
      level: 'error',
      auth: true,
      decoder: false,
    });
    expect(classifyStderr('[error] x.ffconcat: Server returned 401 Unauthorized (authorization failed)').auth).toBe(
      true,
    );
    expect(classifyStderr("[error] Stream map '0:v:0' matches no streams.").noVideo).toBe(true);
    expect(classifyStderr('[h264 @ 0x5654f00] [error] Missing reference picture').decoder).toBe(true);
    expect(
      classifyStderr(
        '[tcp @ 0x55dd] [error] Connection to tcp://127.0.0.1:42857?timeout=5000000 failed: Connection refused',
      ).unreachable,
    ).toBe(true);
    expect(classifyStderr('[error] x.ffconcat: Connection timed out').unreachable).toBe(true);
    expect(classifyStderr('[rtsp @ 0x55d0c1] [error] method DESCRIBE failed: 404 Not Found').unreachable).toBe(false);
    expect(stripPrefix('[rtsp @ 0x55d0c1] [error] method DESCRIBE failed: 401 Unauthorized')).toBe(
      'method DESCRIBE failed: 401 Unauthorized',
    );
  });
});
