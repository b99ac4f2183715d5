import { describe, expect, it } from 'vitest';
import { RtspProtocolError } from './errors';
import { describeBase, interleavedRtpChannel, parseSessionHeader } from './session-headers';

describe('SETUP and DESCRIBE reply headers', () => {
  it('reads the session id and timeout, 60 s by default', () => {
    expect(parseSessionHeader('47112344;timeout=30')).toEqual({ id: '47112344', timeoutS: 30 });
    expect(parseSessionHeader('a.b-c$d')).toEqual({ id: 'a.b-c$d', timeoutS: 60 });
    expect(parseSessionHeader('x; Timeout = 0')).toEqual({ id: 'x', timeoutS: 60 });
    expect(parseSessionHeader('x;timeout=999999')).toEqual({ id: 'x', timeoutS: 3600 });
    expect(() => parseSessionHeader(undefined)).toThrow(RtspProtocolError);
    expect(() => parseSessionHeader('bad id')).toThrow(RtspProtocolError);
  });

  it('reads the interleaved channel the server chose and refuses a UDP answer', () => {
    expect(interleavedRtpChannel('RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=1234')).toBe(0);
    expect(interleavedRtpChannel('RTP/AVP/TCP;unicast;interleaved=4-5')).toBe(4);
    expect(interleavedRtpChannel(undefined)).toBe(0);
    expect(() => interleavedRtpChannel('RTP/AVP;unicast;client_port=5000-5001')).toThrow(/TCP interleaved/);
    expect(() => interleavedRtpChannel('RTP/AVP/TCP;interleaved=300-301')).toThrow(/above 255/);
  });

  it('takes Content-Base, then Content-Location, then the request URL, without user info', () => {
    expect(describeBase('rtsp://h/a', 'rtsp://u:p@h/a/', 'rtsp://h/b/')).toBe('rtsp://h/a/');
    expect(describeBase('rtsp://h/a', undefined, 'rtsp://h/b/')).toBe('rtsp://h/b/');
    expect(describeBase('rtsp://h/a', 'relative/', 'http://h/')).toBe('rtsp://h/a');
  });
});
