import { describe, expect, it } from 'vitest';
import { sameCameraRedirect } from './redirect';

const camera = new URL('rtsp://admin:m%E1%BA%ADt%20kh%E1%BA%A9u@10.0.0.5:554/live');

describe('following a DESCRIBE redirect', () => {
  it('follows to another path or port of the same host, keeping the camera’s credentials', () => {
    expect(sameCameraRedirect(camera, 'rtsp://10.0.0.5:8554/Streaming/Channels/101')?.href).toBe(
      'rtsp://admin:m%E1%BA%ADt%20kh%E1%BA%A9u@10.0.0.5:8554/Streaming/Channels/101',
    );
    expect(sameCameraRedirect(camera, '/other?x=1')?.href).toBe(
      'rtsp://admin:m%E1%BA%ADt%20kh%E1%BA%A9u@10.0.0.5:554/other?x=1',
    );
  });

  it('uses credentials the Location names itself', () => {
    expect(sameCameraRedirect(camera, 'rtsp://token:abc@10.0.0.5/live2')?.href).toBe('rtsp://token:abc@10.0.0.5/live2');
  });

  it('does not follow to another host, to rtsps, or without a usable Location', () => {
    expect(sameCameraRedirect(camera, 'rtsp://10.0.0.6/live')).toBeNull();
    expect(sameCameraRedirect(camera, 'rtsps://10.0.0.5/live')).toBeNull();
    expect(sameCameraRedirect(camera, 'http://10.0.0.5/live')).toBeNull();
    expect(sameCameraRedirect(camera, undefined)).toBeNull();
    expect(sameCameraRedirect(camera, '')).toBeNull();
    expect(sameCameraRedirect(camera, 'rtsp://[::1')).toBeNull();
  });
});

describe('following a redirect of an rtsps:// camera', () => {
  const secure = new URL('rtsps://admin:pw@cam.local:322/live');

  it('stays on rtsps to the same host (the same pin is checked there), never down to rtsp or to another host', () => {
    expect(sameCameraRedirect(secure, 'rtsps://cam.local:8322/other')?.href).toBe(
      'rtsps://admin:pw@cam.local:8322/other',
    );
    expect(sameCameraRedirect(secure, 'rtsp://cam.local/live')).toBeNull();
    expect(sameCameraRedirect(secure, 'rtsps://evil.example/live')).toBeNull();
  });
});
