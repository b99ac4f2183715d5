// The fMP4 box parser on real ffmpeg output, read through the ffconcat list as the supervisor does, from the
// GStreamer RTSP feeds on 127.0.0.1.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConcatList, buildIngestArgs } from '../../src-main/services/streams/ffmpeg-args';
import { runFfmpeg, type FfmpegRun } from '../../src-main/services/streams/ffmpeg-process';
import { createFmp4Splitter } from '../../src-main/services/streams/mp4-boxes';
import { inspectFragment, inspectInit, type InitInfo } from '../../src-main/services/streams/mp4-inspect';
import { createPrivateDir, writeSourceList } from '../../src-main/services/streams/source-file';
import { startRtspServer, type RtspServer } from '../../sim/rtsp';
import { requireGstreamer } from './require-gstreamer';
import { children, waitFor } from './streams-harness';

const { available } = await requireGstreamer('fMP4 from ffmpeg through an ffconcat list');

interface Captured {
  init: Buffer | null;
  info: InitInfo | null;
  fragments: { bytes: Buffer; keyframe: boolean; samples: number }[];
  stderr: string[];
  run: FfmpegRun;
}

/** ffmpeg as the supervisor runs it; stdout is re-cut into odd-sized pieces to stress the splitter. */
function capture(url: string, dir: string): Captured {
  const list = writeSourceList(dir, buildConcatList(url));
  const out: Omit<Captured, 'run'> = { init: null, info: null, fragments: [], stderr: [] };
  const splitter = createFmp4Splitter({
    onInit(bytes) {
      out.init = bytes;
      out.info = inspectInit(bytes);
    },
    onFragment(bytes, moof) {
      const { keyframe, sampleCount } = inspectFragment(moof, out.info?.defaultSampleFlags ?? null);
      out.fragments.push({ bytes, keyframe, samples: sampleCount });
    },
  });
  let cut = 1;
  const run = runFfmpeg({
    path: 'ffmpeg',
    args: buildIngestArgs({ listPath: list.path, mode: 'copy' }),
    onStdout(chunk) {
      for (let at = 0; at < chunk.length; at += cut) splitter.push(chunk.subarray(at, at + cut));
      cut = (cut * 7 + 3) % 1500 || 1;
    },
    onStderrLine: (line) => out.stderr.push(line),
  });
  return Object.assign(out, { run });
}

function ffprobePackets(file: string): { pts: number; dts: number; key: boolean }[] {
  const csv = execFileSync(
    'ffprobe',
    ['-v', 'error', '-select_streams', 'v', '-show_entries', 'packet=pts_time,dts_time,flags', '-of', 'csv=p=0', file],
    { encoding: 'utf8' },
  );
  return csv
    .trim()
    .split('\n')
    .map((line) => {
      const [pts, dts, flags] = line.split(',');
      return { pts: Number(pts), dts: Number(dts), key: (flags ?? '').startsWith('K') };
    });
}

describe.runIf(available)('fragmented MP4 from ffmpeg through an ffconcat list', () => {
  let server: RtspServer;
  const dir = createPrivateDir();
  beforeAll(async () => {
    server = await startRtspServer({
      mounts: [{ path: 'cam/main', width: 320, height: 180, fps: 25, bitrateKbps: 400, pattern: 'ball' }],
    });
  });
  afterAll(async () => {
    await server?.dispose();
    dir.remove();
  });

  it('splits stdout into one init and one fragment per frame, with the keyframes ffprobe sees', async () => {
    const got = capture(server.urlFor('cam/main'), dir.path);
    try {
      // GOP of 2 s at 25 fps: 110 frames hold at least two keyframes.
      await waitFor(() => got.fragments.length >= 110, '110 fragments');
    } finally {
      await got.run.stop(5000);
    }
    expect(got.info).toMatchObject({ sampleEntry: 'avc1', width: 320, height: 180 });
    expect(got.info?.codecs).toMatch(/^avc1\.42c0[0-9a-f]{2}$/);
    expect(got.fragments.every((f) => f.samples === 1)).toBe(true);

    const file = join(dir.path, 'joined.mp4');
    writeFileSync(file, Buffer.concat([got.init!, ...got.fragments.map((f) => f.bytes)]));
    const packets = ffprobePackets(file);
    expect(packets).toHaveLength(got.fragments.length);
    const ours = got.fragments.flatMap((f, i) => (f.keyframe ? [i] : []));
    const theirs = packets.flatMap((p, i) => (p.key ? [i] : []));
    expect(ours.length).toBeGreaterThanOrEqual(2);
    expect(ours).toEqual(theirs);
    // Live timestamps through concat: strictly increasing decode times at the feed's frame rate.
    for (let i = 1; i < packets.length; i++) expect(packets[i]!.dts).toBeGreaterThan(packets[i - 1]!.dts);
    const span = packets.at(-1)!.dts - packets[1]!.dts;
    expect(span / (packets.length - 2)).toBeCloseTo(0.04, 2);
  });

  it('ends with exit code 0 when the camera goes away: the concat demuxer passes the end through', async () => {
    const got = capture(server.urlFor('cam/main'), dir.path);
    try {
      await waitFor(() => got.fragments.length >= 10, '10 fragments');
      const pid = got.run.pid!;
      await server.restart({ downMs: 300 });
      const exit = await got.run.exited;
      expect(exit).toMatchObject({ code: 0, signal: null, spawnError: null });
      expect(children().map((c) => c.pid)).not.toContain(pid);
    } finally {
      await got.run.stop(5000);
    }
  });
});
