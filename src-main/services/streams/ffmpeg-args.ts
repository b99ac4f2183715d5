/**
 * ffmpeg's command line for one live stream, built as an argv array (no shell, no fluent-ffmpeg). The camera
 * URL with its credentials never appears here: it lives in the concat list file (see source-file.ts), so
 * `/proc/<pid>/cmdline`, which every user of the machine can read, shows only that file's path.
 */
export type IngestMode = 'copy' | 'transcode';

export interface IngestArgs {
  /** Path of the ffconcat list that names the camera URL. */
  listPath: string;
  mode: IngestMode;
  /** Transcoding only: the picture is scaled down to fit, never up. */
  maxWidth?: number;
  maxHeight?: number;
}

/** Input-side flags (DESIGN.md §5) that belong to the inner RTSP input, so they go into the list file. */
export const RTSP_INPUT_OPTIONS: readonly (readonly [string, string])[] = [
  ['rtsp_transport', 'tcp'],
  // ffmpeg ≥ 5: socket I/O timeout in µs, so a hung camera ends ffmpeg instead of hanging it forever.
  ['timeout', '5000000'],
  ['fflags', 'nobuffer'],
  ['probesize', '65536'],
  ['analyzeduration', '500000'],
];

// Per-frame fragments: ~170 ms capture to display, against ~1 GOP with per-keyframe fragments.
const FMP4_OUTPUT = [
  '-f',
  'mp4',
  '-movflags',
  'frag_every_frame+empty_moov+default_base_moof',
  '-flush_packets',
  '1',
  'pipe:1',
];

/**
 * Drops decoded pictures until the source's first keyframe, then passes every one. A viewer that joins a
 * camera mid-GOP would otherwise get the frames decoded against missing references (grey with smears: the
 * HEVC decoder, unlike the H.264 one, outputs them) encoded as a perfectly valid H.264 keyframe and GOP.
 * Variable 0 of the expression latches to 1 at the first keyframe.
 */
export const FROM_FIRST_KEYFRAME = "select='st(0,max(ld(0),key))'";

export function buildIngestArgs(options: IngestArgs): string[] {
  const input = [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    // level+ prefixes every line with [error], [warning]…, which is how stderr lines are classified.
    '-loglevel',
    'level+info',
    '-fflags',
    'nobuffer',
    '-flags',
    'low_delay',
    '-probesize',
    '65536',
    '-analyzeduration',
    '500000',
    '-f',
    'concat',
    '-safe',
    '0',
    '-protocol_whitelist',
    'file,rtsp,rtp,tcp,udp,tls',
    '-i',
    options.listPath,
    '-map',
    '0:v:0',
    '-an',
    '-sn',
    '-dn',
  ];
  if (options.mode === 'copy') return [...input, '-c:v', 'copy', ...FMP4_OUTPUT];
  const w = options.maxWidth ?? 1920;
  const h = options.maxHeight ?? 1080;
  return [
    ...input,
    '-vf',
    `${FROM_FIRST_KEYFRAME},scale=w='min(${w},iw)':h='min(${h},ih)':force_original_aspect_ratio=decrease:force_divisible_by=2`,
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-tune',
    'zerolatency',
    '-pix_fmt',
    'yuv420p',
    '-profile:v',
    'high',
    // A keyframe every 2 s whatever the camera's frame rate, so a new viewer never waits long.
    '-force_key_frames',
    'expr:gte(t,n_forced*2)',
    ...FMP4_OUTPUT,
  ];
}

/** RFC 3986 percent-encoding of everything but unreserved characters; ffmpeg decodes RTSP userinfo. */
export function encodeUserinfo(text: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(text)) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * The camera URL with credentials put into its userinfo. Percent-encoding keeps `@ : / ' "` and spaces in
 * passwords from breaking the URL, the list file's quoting, or the log redactor's URL pattern.
 */
export function urlWithCredentials(url: string, username: string, password: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'rtsp:' && parsed.protocol !== 'rtsps:') {
    throw new Error(`Only rtsp:// and rtsps:// stream URLs are played, not ${parsed.protocol}//.`);
  }
  const rest = url.slice(url.indexOf('//') + 2).replace(/^[^/?#]*@/, '');
  if (username === '') return `${parsed.protocol}//${rest}`;
  return `${parsed.protocol}//${encodeUserinfo(username)}:${encodeUserinfo(password)}@${rest}`;
}

/** ffconcat quoting: inside '…' only a quote needs escaping, as '\''. */
function quote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

/** The ffconcat list naming one live input, with the RTSP input options applied to it. */
export function buildConcatList(sourceUrl: string): string {
  if (/[\r\n]/.test(sourceUrl)) throw new Error('A stream URL cannot contain line breaks.');
  const lines = ['ffconcat version 1.0', `file ${quote(sourceUrl)}`];
  for (const [key, value] of RTSP_INPUT_OPTIONS) lines.push(`option ${key} ${value}`);
  return lines.join('\n') + '\n';
}
