import { describe, expect, it } from 'vitest';
import { createFmp4Splitter, Mp4FormatError } from './mp4-boxes';

function box(type: string, payload: Buffer = Buffer.alloc(0), large = false): Buffer {
  const header = Buffer.alloc(large ? 16 : 8);
  if (large) {
    header.writeUInt32BE(1, 0);
    header.writeBigUInt64BE(BigInt(16 + payload.length), 8);
  } else header.writeUInt32BE(8 + payload.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, payload]);
}

function split(stream: Buffer, chunk: number) {
  const out: string[] = [];
  const splitter = createFmp4Splitter({
    onInit: (s) => out.push(`init:${s.length}`),
    onFragment: (f, moof) => out.push(`frag:${f.length}:${moof.length}`),
  });
  for (let at = 0; at < stream.length; at += chunk) splitter.push(stream.subarray(at, at + chunk));
  return { out, pending: splitter.pending };
}

describe('fMP4 splitter', () => {
  const stream = Buffer.concat([
    box('ftyp', Buffer.alloc(12)),
    box('moov', Buffer.alloc(40)),
    box('moof', Buffer.alloc(20)),
    box('mdat', Buffer.alloc(300), true),
    box('free'),
    box('moof', Buffer.alloc(20)),
    box('mdat', Buffer.alloc(5)),
    box('moof', Buffer.alloc(20)),
  ]);

  it('emits whole init and fragments whatever the chunking, and holds back an incomplete pair', () => {
    const expected = ['init:68', 'frag:344:28', 'frag:41:28'];
    for (const chunk of [1, 2, 3, 7, 64, 1000]) {
      const { out, pending } = split(stream, chunk);
      expect(out).toEqual(expected);
      expect(pending).toBe(0);
    }
    expect(split(stream.subarray(0, stream.length - 3), 5).pending).toBe(25);
  });

  it('rejects corrupt streams instead of buffering without end', () => {
    const push = (data: Buffer) => createFmp4Splitter({ onInit() {}, onFragment() {} }, 1024).push(data);
    expect(() => push(Buffer.from([0, 0, 0, 3, 0x6d, 0x6f, 0x6f, 0x66]))).toThrow(Mp4FormatError);
    expect(() => push(box('mdat', Buffer.alloc(2000)))).toThrow(/too large/);
    expect(() => push(box('moof'))).toThrow(/before the init/);
    expect(() => push(Buffer.concat([box('ftyp'), box('moov'), box('mdat')]))).toThrow(/without its moof/);
  });
});
