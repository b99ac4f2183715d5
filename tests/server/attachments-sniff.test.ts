import { describe, expect, it } from 'vitest';
import { checkIsoBoxes, sniffImage, sniffType } from '../../src-server/attachments/sniff';
import {
  ffmpegBytes,
  jpegComment,
  mp4WithLocation,
  plainJpeg,
  pngBomb,
  tinyZip,
  withSegment,
} from './attachments-media';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return 'accepted';
};

const boxes = (bytes: Buffer) =>
  checkIsoBoxes(bytes.length, async (offset, length) => bytes.subarray(offset, offset + length)).then(
    () => 'accepted',
    (error: { code?: string }) => error.code,
  );

describe('type sniffing and structure walks', () => {
  const jpeg = plainJpeg(321, 123);

  it('reads the size each format declares in its header', () => {
    expect(sniffImage(jpeg)).toEqual({ kind: 'image', mime: 'image/jpeg', width: 321, height: 123 });
    const lavfi = ['-f', 'lavfi', '-i', 'testsrc=size=77x55', '-frames:v', '1'];
    expect(sniffImage(ffmpegBytes([...lavfi, '-c:v', 'png'], 'image2pipe'))).toMatchObject({
      mime: 'image/png',
      width: 77,
      height: 55,
    });
    for (const lossless of ['0', '1']) {
      const webp = ffmpegBytes([...lavfi, '-c:v', 'libwebp', '-lossless', lossless], 'webp');
      expect(sniffImage(webp), `lossless=${lossless}`).toMatchObject({ mime: 'image/webp', width: 77, height: 55 });
    }
    expect(sniffImage(pngBomb())).toMatchObject({ width: 50_000, height: 50_000 });
  });

  it('trusts bytes, not names: unknown, HEIC and text files are told apart', () => {
    expect(refusal(() => sniffType(Buffer.from('<!doctype html><html>')))).toBe('unknown_type');
    expect(refusal(() => sniffType(Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1heic', 'latin1')))).toBe(
      'heif_not_supported',
    );
    expect(sniffType(Buffer.from('\0\0\0\x18ftypqt  ', 'latin1'))).toEqual({ kind: 'video', mime: 'video/quicktime' });
  });

  it('lets a phone’s harmless trailer pass and refuses an archive or a page riding along', () => {
    expect(refusal(() => sniffImage(Buffer.concat([jpeg, Buffer.from('SEFHxxxxSEFT', 'latin1')])))).toBe('accepted');
    expect(refusal(() => sniffImage(Buffer.concat([jpeg, tinyZip()])))).toBe('polyglot');
    expect(refusal(() => sniffImage(Buffer.concat([jpeg, Buffer.from('<HTML><body>hi')])))).toBe('polyglot');
    expect(refusal(() => sniffImage(withSegment(jpeg, jpegComment('<?php system($_GET[1]); ?>'))))).toBe('polyglot');
    expect(refusal(() => sniffImage(withSegment(jpeg, jpegComment('Chụp bằng điện thoại'))))).toBe('accepted');
  });

  it('finds cut-short and malformed images', () => {
    expect(refusal(() => sniffImage(jpeg.subarray(0, jpeg.length - 2)))).toBe('truncated');
    expect(refusal(() => sniffImage(jpeg.subarray(0, 100)))).toBe('truncated');
    const bomb = pngBomb();
    expect(refusal(() => sniffImage(bomb.subarray(0, bomb.length - 12)))).toBe('truncated');
    const zeroHigh = Buffer.from(jpeg);
    zeroHigh.writeUInt16BE(0, zeroHigh.indexOf(Buffer.from([0xff, 0xc0])) + 5);
    expect(refusal(() => sniffImage(zeroHigh))).toBe('corrupt');
    const noMarker = Buffer.from(jpeg);
    noMarker[jpeg.indexOf(Buffer.from([0xff, 0xc0]))] = 0x12;
    expect(refusal(() => sniffImage(noMarker))).toBe('corrupt');
  });

  it('requires MP4 boxes to cover the file exactly, with a moov', async () => {
    const video = mp4WithLocation();
    expect(await boxes(video)).toBe('accepted');
    expect(await boxes(Buffer.concat([video, tinyZip()]))).toBe('polyglot');
    expect(await boxes(video.subarray(0, video.length - 10))).toBe('truncated');
    expect(await boxes(Buffer.concat([video, Buffer.alloc(4)]))).toBe('accepted');
  });
});
