// Pure helpers of the wall latency floor bench: raw decoded frames (yuv420p, as ffmpeg's rawvideo writes them)
// cut out of a pipe's chunks, and the clock's corner of a frame as a PGM image tesseract reads from stdin.

export interface RawFrame {
  /** 0, 1, 2… in the order the frames came. */
  index: number;
  /** Host time (ms since epoch) when the frame's last byte arrived. */
  at: number;
  /** The first `topRows` rows of the luma plane; reused for the next frame: copy what you keep. */
  top: Buffer;
}

export interface RawFrameReader {
  push(chunk: Buffer, at: number): void;
  readonly frames: number;
}

/**
 * Cuts a stream of yuv420p frames of width × height into frames, keeping only the top rows of the luma plane
 * (where the burnt-in clock is) so that a 720p stream costs no full-frame copy per frame.
 */
export function createRawFrameReader(
  width: number,
  height: number,
  topRows: number,
  onFrame: (frame: RawFrame) => void,
): RawFrameReader {
  const frameBytes = width * height + 2 * (Math.ceil(width / 2) * Math.ceil(height / 2));
  const topBytes = width * Math.min(height, topRows);
  const top = Buffer.alloc(topBytes);
  let position = 0;
  let frames = 0;
  return {
    push(chunk, at) {
      let offset = 0;
      while (offset < chunk.length) {
        const take = Math.min(chunk.length - offset, frameBytes - position);
        if (position < topBytes) {
          const copy = Math.min(take, topBytes - position);
          chunk.copy(top, position, offset, offset + copy);
        }
        position += take;
        offset += take;
        if (position === frameBytes) {
          onFrame({ index: frames++, at, top });
          position = 0;
        }
      }
    },
    get frames() {
      return frames;
    },
  };
}

/**
 * The top-left `cropWidth` × `cropHeight` of a luma plane `width` wide, scaled up (bilinear) so that it is at
 * least `minHeight` tall (at most 4×, as the wall bench scales its captures), as a binary PGM (P5).
 */
export function clockPgm(luma: Buffer, width: number, cropWidth: number, cropHeight: number, minHeight = 72): Buffer {
  const scale = Math.max(1, Math.min(4, minHeight / Math.max(1, cropHeight)));
  const outWidth = Math.round(cropWidth * scale);
  const outHeight = Math.round(cropHeight * scale);
  const header = Buffer.from(`P5\n${outWidth} ${outHeight}\n255\n`, 'latin1');
  const pixels = Buffer.alloc(outWidth * outHeight);
  const at = (x: number, y: number) => luma[y * width + x]!;
  for (let y = 0; y < outHeight; y++) {
    const sy = Math.min(cropHeight - 1, Math.max(0, (y + 0.5) / scale - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(cropHeight - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < outWidth; x++) {
      const sx = Math.min(cropWidth - 1, Math.max(0, (x + 0.5) / scale - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(cropWidth - 1, x0 + 1);
      const fx = sx - x0;
      const upper = at(x0, y0) * (1 - fx) + at(x1, y0) * fx;
      const lower = at(x0, y1) * (1 - fx) + at(x1, y1) * fx;
      pixels[y * outWidth + x] = Math.round(upper * (1 - fy) + lower * fy);
    }
  }
  return Buffer.concat([header, pixels]);
}

/** `count` indices spread evenly over [0, length), or every index when there are fewer. */
export function spreadIndices(length: number, count: number): number[] {
  if (length <= 0 || count <= 0) return [];
  if (count >= length) return Array.from({ length }, (_, i) => i);
  return Array.from({ length: count }, (_, i) => Math.floor(((i + 0.5) * length) / count));
}
