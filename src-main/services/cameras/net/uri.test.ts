import { describe, expect, it } from 'vitest';
import { rewriteMediaUri, rewriteServiceUrl, SNAPSHOT_SCHEMES, STREAM_SCHEMES } from './uri';

describe('address rewriting', () => {
  it('pins SOAP services to the reached host and port, keeping the path', () => {
    const reached = { host: '127.0.0.1', port: 18080 };
    expect(rewriteServiceUrl('http://192.168.68.111/onvif/ptz_service', reached)?.href).toBe(
      'http://127.0.0.1:18080/onvif/ptz_service',
    );
    expect(
      rewriteServiceUrl(' http://10.10.1.60:8000/onvif/Events/PullSubManager_2018-02-27T18:28:52Z_5\n', reached)?.href,
    ).toBe('http://127.0.0.1:18080/onvif/Events/PullSubManager_2018-02-27T18:28:52Z_5');
    expect(rewriteServiceUrl('http://10.10.1.66/onvif/eventing_service?id=urn:uuid:90c6', reached)?.href).toBe(
      'http://127.0.0.1:18080/onvif/eventing_service?id=urn:uuid:90c6',
    );
    expect(rewriteServiceUrl('http://[fe80::1%eth0]:80/onvif/device_service', reached)?.pathname).toBe(
      '/onvif/device_service',
    );
    expect(rewriteServiceUrl('http://10.0.0.1//evil.example/x', reached)?.host).toBe('127.0.0.1:18080');
    expect(rewriteServiceUrl('file:///etc/passwd', reached)).toBeNull();
    expect(rewriteServiceUrl('not a url', reached)).toBeNull();
  });

  it('moves stream and snapshot URIs to the reached host, keeping port and path, dropping credentials', () => {
    expect(
      rewriteMediaUri(
        'rtsp://192.168.0.19/onvif-media/media.amp?profile=profile_1_h264&sessiontimeout=60',
        '127.0.0.1',
        STREAM_SCHEMES,
      ),
    ).toBe('rtsp://127.0.0.1/onvif-media/media.amp?profile=profile_1_h264&sessiontimeout=60');
    expect(
      rewriteMediaUri('rtsp://admin:12345@10.10.1.60:554/Streaming/Channels/101', '127.0.0.1', STREAM_SCHEMES),
    ).toBe('rtsp://127.0.0.1:554/Streaming/Channels/101');
    expect(rewriteMediaUri('http://10.10.1.60/onvif-http/snapshot?Profile_1', 'cam.local', SNAPSHOT_SCHEMES)).toBe(
      'http://cam.local/onvif-http/snapshot?Profile_1',
    );
    expect(rewriteMediaUri('rtsp://10.0.0.1:554/x', '::1', STREAM_SCHEMES)).toBe('rtsp://[::1]:554/x');
  });

  it('refuses schemes a camera must not send us to', () => {
    expect(rewriteMediaUri('file:///etc/passwd', '127.0.0.1', STREAM_SCHEMES)).toBeNull();
    expect(rewriteMediaUri('http://169.254.169.254/latest', '127.0.0.1', STREAM_SCHEMES)).toBeNull();
    expect(rewriteMediaUri('rtsp://10.0.0.1/x', '127.0.0.1', SNAPSHOT_SCHEMES)).toBeNull();
    expect(rewriteMediaUri('', '127.0.0.1', SNAPSHOT_SCHEMES)).toBeNull();
  });
});
