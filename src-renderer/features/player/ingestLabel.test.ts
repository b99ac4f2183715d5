import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { INGEST_FALLBACK_REASONS, STREAM_INGESTS } from '../../../src-shared/contract/streams';
import { resources } from '../../../src-shared/i18n';
import { ingestLabel } from './ingestLabel';

async function translator(lng: 'vi' | 'en'): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({
    lng,
    resources: { [lng]: { translation: resources[lng] } },
    interpolation: { escapeValue: false },
  });
  return instance.t;
}

describe('ingestLabel', () => {
  it('names the ingest alone when the native reader has it or ffmpeg is configured', async () => {
    const vi = await translator('vi');
    expect(ingestLabel({ ingest: 'native', fallbackReason: null }, vi)).toBe('Nhận trực tiếp');
    expect(ingestLabel({ ingest: 'copy', fallbackReason: null }, vi)).toBe('ffmpeg sao chép');
  });

  it('adds the reason ffmpeg reads the stream, in Vietnamese and English', async () => {
    const vi = await translator('vi');
    const en = await translator('en');
    expect(ingestLabel({ ingest: 'transcode', fallbackReason: 'codec' }, vi)).toBe(
      'ffmpeg chuyển mã — mã hóa không phải H.264',
    );
    expect(ingestLabel({ ingest: 'copy', fallbackReason: 'rtsps' }, en)).toBe('ffmpeg copy — encrypted RTSP (rtsps)');
  });

  it('has words for every ingest and every reason the contract knows', async () => {
    for (const t of [await translator('vi'), await translator('en')]) {
      for (const ingest of STREAM_INGESTS) {
        for (const fallbackReason of [null, ...INGEST_FALLBACK_REASONS]) {
          const label = ingestLabel({ ingest, fallbackReason }, t);
          expect(label).not.toMatch(/player\.stats|\{\{/);
        }
      }
    }
  });
});
