import { describe, expect, it } from 'vitest';
import { fixture } from '../../../../tests/netns/onvif-fixtures';
import { screenXml } from '../xml/guard';
import { flatten, parseSoap } from '../xml/parse';
import { classify, codecOf, readProfiles, type ProfileInfo } from './profiles';

/** The library's getProfiles result: each Profiles element, linerase'd. */
function libraryProfiles(file: string): unknown {
  const { rawBody } = parseSoap(screenXml(fixture(file)));
  const response = (rawBody as { getProfilesResponse: { profiles: unknown[] }[] }[])[0]!.getProfilesResponse[0]!;
  return response.profiles.map(flatten);
}

const summary = (file: string) =>
  readProfiles(libraryProfiles(file)).map((p) => [p.token, p.role, p.codec, `${p.width}x${p.height}`, p.fps, p.ptz]);

describe('profile classification on real captures', () => {
  it('agsh mock: one H.264 1080p profile with PTZ is main', () => {
    expect(summary('agsh-onvif/GetProfiles.xml')).toEqual([['main', 'main', 'H264', '1920x1080', 5, true]]);
  });

  it('Hikvision DS-2DF7276: main, sub and a third stream', () => {
    expect(summary('onvif-nvt/hikvision/media/GetProfiles.Response.xml')).toEqual([
      ['Profile_1', 'main', 'H264', '1280x720', 10, true],
      ['Profile_2', 'sub', 'H264', '704x480', 30, true],
      ['Profile_3', 'other', 'H264', '704x480', 30, true],
    ]);
  });

  it('Axis Q6045: H.264 main, MJPEG at the same size is not a sub stream', () => {
    expect(summary('onvif-nvt/axis/media/GetProfiles.Response.xml')).toEqual([
      ['profile_1_h264', 'main', 'H264', '1280x720', 30, true],
      ['profile_1_jpeg', 'other', 'MJPEG', '1280x720', 30, true],
    ]);
  });

  it('Pelco D6230L: numeric tokens stay strings, bitrate is read', () => {
    const profiles = readProfiles(libraryProfiles('onvif-nvt/pelco/media/GetProfiles.Response.xml'));
    expect(profiles.map((p) => [p.token, p.role, p.codec])).toEqual([
      ['0', 'main', 'H264'],
      ['1', 'other', 'MJPEG'],
    ]);
    expect(profiles[0]?.bitrateKbps).toBe(6000);
  });

  it('picks a smaller H.264/H.265 profile as sub over a smaller MJPEG one', () => {
    const p = (token: string, encoding: string, width: number, height: number) => ({
      $: { token },
      name: token,
      videoSourceConfiguration: {},
      videoEncoderConfiguration: { encoding, resolution: { width, height } },
    });
    const roles = readProfiles([p('a', 'H265', 3840, 2160), p('b', 'JPEG', 320, 240), p('c', 'H264', 640, 360)]).map(
      (x) => x.role,
    );
    expect(roles).toEqual(['main', 'other', 'sub']);
    // A profile without an encoder (H.265 mode, agsh #109) is kept as `other`, not dropped or fatal.
    expect(readProfiles([{ $: { token: 'x' }, name: 'audio only' }])).toMatchObject([
      { role: 'other', hasVideo: false },
    ]);
  });

  it('maps codec names', () => {
    expect(['H264', 'h.265', 'HEVC', 'JPEG', 'MPEG4', 'G711'].map(codecOf)).toEqual([
      'H264',
      'H265',
      'H265',
      'MJPEG',
      'MPEG4',
      'other',
    ]);
  });
});

describe('sub stream choice', () => {
  const profile = (token: string, codec: 'H264' | 'H265' | 'MJPEG', width: number, height: number): ProfileInfo => ({
    token,
    name: token,
    role: 'other',
    codec,
    width,
    height,
    fps: 25,
    bitrateKbps: null,
    ptz: false,
    hasVideo: true,
  });
  const roles = (list: ProfileInfo[]) => classify(list).map((p) => `${p.token}:${p.role}`);

  it('takes a same-size H.264 sibling of an H.265 main stream, so small tiles need no transcoding', () => {
    expect(roles([profile('a', 'H265', 1920, 1080), profile('b', 'H264', 1920, 1080)])).toEqual(['a:main', 'b:sub']);
  });
  it('still prefers a smaller playable stream, and gives an H.264 main no same-size sub', () => {
    expect(
      roles([profile('a', 'H265', 1920, 1080), profile('b', 'H264', 1920, 1080), profile('c', 'H264', 640, 360)]),
    ).toEqual(['a:main', 'b:other', 'c:sub']);
    expect(roles([profile('a', 'H264', 1280, 720), profile('b', 'H264', 1280, 720)])).toEqual(['a:main', 'b:other']);
  });
});
