/** Reads ffmpeg's stderr lines (run with `-loglevel level+info`, so each carries its level in brackets). */
export interface StderrLine {
  level: string | null;
  /** The input was opened: the list file with the credentials can go. */
  inputOpened: boolean;
  /** The camera refused the credentials. */
  auth: boolean;
  /** The input has no video stream to map. */
  noVideo: boolean;
  /** Nothing answered at the camera's address: it is down (or rebooting), not refusing us. */
  unreachable: boolean;
  /**
   * From a decoder: while probing, ffmpeg decodes from wherever the stream starts, so "missing reference"
   * errors are normal there and say nothing about the (copied) stream.
   */
  decoder: boolean;
}

const LEVEL = /\[(panic|fatal|error|warning|info|verbose|debug|trace)\]/;

export function classifyStderr(line: string): StderrLine {
  return {
    level: LEVEL.exec(line)?.[1] ?? null,
    inputOpened: /^\[info\] Input #0\b/.test(line),
    auth: /\b401 Unauthorized\b|authorization failed/i.test(line),
    noVideo: /matches no streams/.test(line),
    unreachable: /Connection refused|Connection timed out|No route to host|(Network|Host) is unreachable/i.test(line),
    decoder: /^\[(h264|hevc|mpeg4|mjpeg) @ 0x[0-9a-f]+\]/.test(line),
  };
}

/** The message without `[rtsp @ 0x55…] [error] `, for showing to an operator. */
export function stripPrefix(line: string): string {
  return line.replace(/^(\[[^\]]* @ 0x[0-9a-f]+\] )?\[\w+\] /, '').slice(0, 300);
}
