// The attachment pipeline runs ffprobe and ffmpeg with `-protocol_whitelist file` (process-media.ts). No upload
// reaches a demuxer that opens other URLs today: the type is sniffed from the magic bytes first (a playlist is
// refused as unknown_type) and every run forces the demuxer those bytes chose (mov or matroska, whose external
// references ffmpeg leaves off). So the whitelist is the last line, and only a playlist demuxer exercises it.
//
// This test records the exact argv the pipeline gives the tools while it processes a real MP4 (FFPROBE_PATH and
// FFMPEG_PATH point at recording wrappers that run the real binaries), then replays each run with only two things
// changed: the forced demuxer becomes `hls` and the input an HLS playlist whose segment is on a loopback HTTP
// listener of ours. Every replay must be refused by our whitelist (ffmpeg names it in the error) and the listener
// must see no connection. A control run with http allowed shows the playlist does make ffprobe fetch.
//
// Note: ffmpeg 5.1 already limits what a `file:` input may open to `file,crypto,data`, so without our option the
// listener would still see nothing; what fails then is the error, which names that default list instead of ours.
import { execFile } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobStore } from '../../src-server/attachments/blob-store';
import { DEFAULT_MEDIA_LIMITS } from '../../src-server/attachments/config';
import { processMediaFile } from '../../src-server/attachments/process-media';
import { makeTempDir } from '../integration/tmp-dir';
import { mp4WithLocation } from './attachments-media';

const temp = makeTempDir('ioc-media-whitelist-');
let listener: Server;
let port = 0;
let connections = 0;
let requests: string[] = [];

beforeAll(async () => {
  listener = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(404).end();
  });
  listener.on('connection', () => connections++);
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  port = (listener.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => listener.close(() => resolve()));
  temp.remove();
});

function which(tool: string): string {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const path = join(dir, tool);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not in this directory
    }
  }
  throw new Error(`${tool} is not on PATH`);
}

/** A wrapper that writes its argv (NUL-separated) to a file of its own, then runs the real tool unchanged. */
function recordingWrapper(tool: 'ffprobe' | 'ffmpeg', logDir: string): string {
  const wrapper = join(temp.dir, `${tool}-recorder.sh`);
  writeFileSync(
    wrapper,
    [
      '#!/bin/sh',
      `log=$(mktemp "${logDir}/${tool}-XXXXXX")`,
      'for a in "$@"; do printf "%s\\0" "$a" >> "$log"; done',
      `exec "${which(tool)}" "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(wrapper, 0o755);
  return wrapper;
}

function recordedCalls(logDir: string, tool: string): string[][] {
  return readdirSync(logDir)
    .filter((name) => name.startsWith(`${tool}-`))
    .map((name) => readFileSync(join(logDir, name), 'utf8').split('\0').slice(0, -1));
}

function run(binary: string, args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(binary, args, { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, _out, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr }),
    );
    child.stdin?.end();
  });
}

/** The recorded run with its forced input demuxer made `hls` and its input the playlist; nothing else changes. */
function asPlaylistRun(args: readonly string[], upload: string, playlist: string): string[] {
  const input = args.indexOf(`file:${upload}`);
  expect(input, `the run reads the upload: ${args.join(' ')}`).toBeGreaterThan(0);
  // ffprobe: `-f <demuxer> … file:<upload>`; ffmpeg: `-f <demuxer> -i file:<upload>`. The demuxer option is the
  // last `-f` before the input.
  const demuxer = args.lastIndexOf('-f', input);
  expect(demuxer, `the run forces a demuxer: ${args.join(' ')}`).toBeGreaterThanOrEqual(0);
  const replay = [...args];
  replay[demuxer + 1] = 'hls';
  replay[input] = `file:${playlist}`;
  return replay;
}

describe('ffprobe and ffmpeg under -protocol_whitelist file', () => {
  it('refuses a playlist segment on http and fetches nothing, in every run the pipeline makes', async () => {
    const logDir = join(temp.dir, 'calls');
    const storeDir = join(temp.dir, 'store');
    mkdirSync(logDir);
    const store = new BlobStore(storeDir);
    await store.init();

    // 1. The real pipeline on a real MP4, through the recorders.
    const upload = store.tempPath('upload');
    writeFileSync(upload, mp4WithLocation());
    const saved = { probe: process.env.FFPROBE_PATH, mpeg: process.env.FFMPEG_PATH };
    process.env.FFPROBE_PATH = recordingWrapper('ffprobe', logDir);
    process.env.FFMPEG_PATH = recordingWrapper('ffmpeg', logDir);
    try {
      const processed = await processMediaFile(store, upload, DEFAULT_MEDIA_LIMITS, () => Promise.resolve(null));
      expect(processed.kind).toBe('video');
    } finally {
      if (saved.probe === undefined) delete process.env.FFPROBE_PATH;
      else process.env.FFPROBE_PATH = saved.probe;
      if (saved.mpeg === undefined) delete process.env.FFMPEG_PATH;
      else process.env.FFMPEG_PATH = saved.mpeg;
    }
    const probes = recordedCalls(logDir, 'ffprobe');
    const mpegs = recordedCalls(logDir, 'ffmpeg');
    expect(probes).toHaveLength(1);
    expect(mpegs).toHaveLength(2); // the published copy and the thumbnail

    // 2. Each run again, on a playlist whose only segment is on our listener.
    const playlist = join(temp.dir, 'clip.m3u8');
    const segment = `http://127.0.0.1:${port}/segment.ts`;
    writeFileSync(
      playlist,
      `#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:1\n#EXTINF:1.0,\n${segment}\n#EXT-X-ENDLIST\n`,
    );
    const replays = [
      ...probes.map((args) => ({ binary: which('ffprobe'), args })),
      ...mpegs.map((args) => ({ binary: which('ffmpeg'), args })),
    ];
    for (const { binary, args } of replays) {
      const replay = asPlaylistRun(args, upload, playlist);
      const result = await run(binary, replay);
      expect(result.code, `${binary} ${replay.join(' ')}\n${result.stderr}`).not.toBe(0);
      // Refused by our list: ffmpeg names the whitelist it applied.
      expect(result.stderr, `${binary} ${replay.join(' ')}`).toContain("Protocol 'http' not on whitelist 'file'!");
      expect(result.stderr).toContain(segment);
    }
    expect(connections, `requests: ${requests.join(', ')}`).toBe(0);

    // 3. Control: with http allowed, the same playlist makes ffprobe connect to the listener.
    const control = asPlaylistRun(probes[0]!, upload, playlist);
    const list = control.indexOf('-protocol_whitelist');
    control[list + 1] = 'file,http,tcp';
    requests = [];
    await run(which('ffprobe'), control);
    expect(connections).toBeGreaterThan(0);
    expect(requests).toContain('/segment.ts');
  });
});
