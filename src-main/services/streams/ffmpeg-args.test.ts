import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildConcatList, buildIngestArgs, encodeUserinfo, urlWithCredentials } from './ffmpeg-args';
import { childEnv } from './ffmpeg-process';

/** The flags that follow `flag` in argv (ffmpeg options are flag/value pairs). */
const valueOf = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

describe('ffmpeg argument builder', () => {
  it('copies H.264 into per-frame fMP4 on stdout, reading the input from the list file only', () => {
    const args = buildIngestArgs({ listPath: '/tmp/x/list.ffconcat', mode: 'copy' });
    expect(args.join(' ')).toContain(
      '-c:v copy -f mp4 -movflags frag_every_frame+empty_moov+default_base_moof -flush_packets 1 pipe:1',
    );
    expect(valueOf(args, '-f')).toBe('concat');
    expect(valueOf(args, '-safe')).toBe('0');
    expect(valueOf(args, '-protocol_whitelist')).toBe('file,rtsp,rtp,tcp,udp,tls');
    expect(valueOf(args, '-i')).toBe('/tmp/x/list.ffconcat');
    expect(args.filter((a) => a === '-i')).toHaveLength(1);
    expect(args).toContain('-an');
    expect(args).toContain('-nostdin');
    expect(valueOf(args, '-fflags')).toBe('nobuffer');
    expect(valueOf(args, '-flags')).toBe('low_delay');
    expect(args).not.toContain('libx264');
    expect(args.at(-1)).toBe('pipe:1');
  });

  it('transcodes to H.264 with bounded size and regular keyframes only in transcode mode', () => {
    const args = buildIngestArgs({ listPath: 'l', mode: 'transcode', maxWidth: 1280, maxHeight: 720 });
    expect(valueOf(args, '-c:v')).toBe('libx264');
    expect(valueOf(args, '-preset')).toBe('veryfast');
    expect(valueOf(args, '-tune')).toBe('zerolatency');
    expect(valueOf(args, '-vf')).toBe(
      "select='st(0,max(ld(0),key))',scale=w='min(1280,iw)':h='min(720,ih)':force_original_aspect_ratio=decrease:force_divisible_by=2",
    );
    expect(valueOf(args, '-movflags')).toBe('frag_every_frame+empty_moov+default_base_moof');
  });

  it('puts the RTSP input options and the URL into the ffconcat list, quoted', () => {
    const list = buildConcatList("rtsp://u:p@127.0.0.1:554/a'b");
    expect(list).toBe(
      [
        'ffconcat version 1.0',
        "file 'rtsp://u:p@127.0.0.1:554/a'\\''b'",
        'option rtsp_transport tcp',
        'option timeout 5000000',
        'option fflags nobuffer',
        'option probesize 65536',
        'option analyzeduration 500000',
        '',
      ].join('\n'),
    );
    expect(() => buildConcatList('rtsp://h/a\nfile /etc/passwd')).toThrow(/line breaks/);
  });

  it('percent-encodes credentials so any password survives the URL, the list quoting and the redactor', () => {
    expect(urlWithCredentials('rtsp://10.0.0.5:554/Streaming/101', 'admin', 'p@ss:w/rd ö\'"#?')).toBe(
      'rtsp://admin:p%40ss%3Aw%2Frd%20%C3%B6%27%22%23%3F@10.0.0.5:554/Streaming/101',
    );
    expect(urlWithCredentials('rtsp://old:creds@h/x?a=1', 'u', 'p')).toBe('rtsp://u:p@h/x?a=1');
    expect(urlWithCredentials('rtsp://h/x', '', '')).toBe('rtsp://h/x');
    expect(() => urlWithCredentials('http://h/x', 'u', 'p')).toThrow(/rtsp/);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), fc.string({ unit: 'grapheme' }), (user, pass) => {
        const url = new URL(urlWithCredentials('rtsp://127.0.0.1:8554/cam', user, pass));
        expect(decodeURIComponent(url.username)).toBe(user);
        expect(decodeURIComponent(url.password)).toBe(pass);
        expect(url.host).toBe('127.0.0.1:8554');
        expect(encodeUserinfo(pass)).toMatch(/^[A-Za-z0-9\-._~%]*$/);
      }),
    );
  });

  it('never hands FFREPORT to ffmpeg (it would write the command line to a file)', () => {
    expect(childEnv({ PATH: '/usr/bin', FFREPORT: 'file=/tmp/r.log', ffreport: 'x' })).toEqual({ PATH: '/usr/bin' });
  });
});
