import { describe, expect, it } from 'vitest';
import { RtspProtocolError } from './errors';
import { parseSdpVideo, parseSpropParameterSets, resolveControl } from './sdp';

const SPS = Buffer.from([0x67, 0x42, 0xc0, 0x1e, 0xd9, 0x00]);
const PPS = Buffer.from([0x68, 0xce, 0x3c, 0x80]);
const sprop = `${SPS.toString('base64')},${PPS.toString('base64')}`;

const gstreamerSdp = [
  'v=0',
  'o=- 1188340656180883 1 IN IP4 127.0.0.1',
  's=Session streamed with GStreamer',
  't=0 0',
  'a=tool:GStreamer',
  'a=type:broadcast',
  'a=control:*',
  'a=range:npt=now-',
  'm=audio 0 RTP/AVP 0',
  'a=control:stream=1',
  'm=video 0 RTP/AVP 96',
  'c=IN IP4 0.0.0.0',
  'a=rtpmap:96 H264/90000',
  `a=fmtp:96 packetization-mode=1;sprop-parameter-sets=${sprop};profile-level-id=42c01e`,
  'a=control:stream=0',
  '',
].join('\r\n');

describe('SDP video media', () => {
  it('reads the first m=video: payload type, codec, clock, control, parameter sets, packetization mode', () => {
    const video = parseSdpVideo(gstreamerSdp, 'rtsp://127.0.0.1:8554/cam1/main/');
    expect(video).toEqual({
      payloadType: 96,
      codec: 'H264',
      clockRate: 90_000,
      control: 'rtsp://127.0.0.1:8554/cam1/main/stream=0',
      sessionControl: 'rtsp://127.0.0.1:8554/cam1/main/',
      parameters: { sps: SPS, pps: PPS },
      packetizationMode: 1,
    });
  });

  it('names other codecs (H265, static JPEG) without parameter sets and defaults to mode 0', () => {
    const hevc = 'v=0\nm=video 0 RTP/AVP 97\na=rtpmap:97 H265/90000\na=fmtp:97 sprop-vps=QAE=\na=control:track1\n';
    expect(parseSdpVideo(hevc, 'rtsp://h/live')).toMatchObject({
      codec: 'H265',
      control: 'rtsp://h/live/track1',
      parameters: null,
      packetizationMode: 0,
    });
    expect(parseSdpVideo('m=video 0 RTP/AVP 26\n', 'rtsp://h/x')).toMatchObject({ codec: 'JPEG', clockRate: 90_000 });
  });

  it('resolves control URLs: absolute, relative with or without a slash, * and missing', () => {
    expect(resolveControl('rtsp://10.0.0.2/other/track=1', 'rtsp://h/a/')).toBe('rtsp://10.0.0.2/other/track=1');
    expect(resolveControl('trackID=1', 'rtsp://h/a/')).toBe('rtsp://h/a/trackID=1');
    expect(resolveControl('trackID=1', 'rtsp://h/a?ch=1')).toBe('rtsp://h/a?ch=1/trackID=1');
    expect(resolveControl('*', 'rtsp://h/a/')).toBe('rtsp://h/a/');
    expect(parseSdpVideo('m=video 0 RTP/AVP 96\na=rtpmap:96 H264/90000\n', 'rtsp://h/a').control).toBe('rtsp://h/a');
  });

  it.each([
    ['no video', 'v=0\nm=audio 0 RTP/AVP 0\n', /no video/],
    ['no payload type', 'm=video 0 RTP/AVP\n', /payload type/],
    ['payload type over 127', 'm=video 0 RTP/AVP 300\n', /payload type/],
    ['dynamic payload without rtpmap', 'm=video 0 RTP/AVP 96\n', /no rtpmap/],
    ['rtpmap without clock', 'm=video 0 RTP/AVP 96\na=rtpmap:96 H264\n', /malformed/],
    ['zero clock', 'm=video 0 RTP/AVP 96\na=rtpmap:96 H264/0\n', /zero clock/],
    ['odd mode', 'm=video 0 RTP/AVP 96\na=rtpmap:96 H264/90000\na=fmtp:96 packetization-mode=7\n', /packetization/],
    ['bad base64', `m=video 0 RTP/AVP 96\na=rtpmap:96 H264/90000\na=fmtp:96 sprop-parameter-sets=@@,##\n`, /base64/],
    ['header injection', 'm=video 0 RTP/AVP 96\na=rtpmap:96 H264/90000\na=control:a b\n', /request line/],
    ['other scheme', 'm=video 0 RTP/AVP 96\na=rtpmap:96 H264/90000\na=control:http://x/\n', /not rtsp/],
    ['huge', 'v=0\n' + 'a=x\n'.repeat(20_000), /longer than/],
  ])('refuses %s with RtspProtocolError', (_name, sdp, message) => {
    expect(() => parseSdpVideo(sdp, 'rtsp://h/a')).toThrow(RtspProtocolError);
    expect(() => parseSdpVideo(sdp, 'rtsp://h/a')).toThrow(message);
  });

  it('takes the first SPS and PPS from sprop-parameter-sets, in any order, and requires both', () => {
    expect(parseSpropParameterSets(`${PPS.toString('base64')},${SPS.toString('base64')}`)).toEqual({
      sps: SPS,
      pps: PPS,
    });
    expect(() => parseSpropParameterSets(SPS.toString('base64'))).toThrow(/lacks/);
    expect(() => parseSpropParameterSets('')).toThrow(RtspProtocolError);
  });

  it('never throws anything but RtspProtocolError on random bytes', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = [
      'm=video ',
      '0 RTP/AVP ',
      '96',
      '\n',
      'a=rtpmap:96 ',
      'H264/90000',
      'a=fmtp:96 ',
      'sprop-parameter-sets=',
      ',',
      '=',
      'a=control:',
      '*',
      '\u0000',
      'é',
    ];
    for (let i = 0; i < 2000; i++) {
      const sdp = Array.from(
        { length: 1 + Math.floor(random() * 20) },
        () => pieces[Math.floor(random() * pieces.length)],
      ).join('');
      try {
        parseSdpVideo(sdp, 'rtsp://h/a');
      } catch (error) {
        expect(error).toBeInstanceOf(RtspProtocolError);
      }
    }
  });
});
