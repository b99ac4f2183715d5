import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initI18nForTests } from '../../app/i18n';
import type { LiveVideoStatus } from './LiveVideo';
import { PlayerStatus } from './PlayerStatus';

const status = (over: Partial<LiveVideoStatus> = {}): LiveVideoStatus => ({
  state: 'playing',
  reason: null,
  profile: 'main',
  codec: 'h264',
  transcoded: false,
  ...over,
});

describe('PlayerStatus', () => {
  beforeAll(async () => {
    await initI18nForTests();
  });
  afterEach(async () => {
    await i18next.changeLanguage('vi');
  });

  it('says nothing over a stream that plays as the camera sends it', () => {
    expect(renderToStaticMarkup(<PlayerStatus status={status()} />)).toBe('');
  });

  it('shows a transcoded stream as such, naming the camera’s codec (vi by default, en)', () => {
    const html = renderToStaticMarkup(<PlayerStatus status={status({ codec: 'h265', transcoded: true })} />);
    expect(html).toContain('data-testid="tile-transcoded"');
    expect(html).toContain('Đang chuyển mã H.265 → H.264');
    expect(html).not.toContain('tile-status');
    return i18next.changeLanguage('en').then(() => {
      expect(renderToStaticMarkup(<PlayerStatus status={status({ codec: 'h265', transcoded: true })} />)).toContain(
        'Transcoding H.265 → H.264',
      );
    });
  });

  it('shows the state and its reason when the tile is not playing', () => {
    const html = renderToStaticMarkup(
      <PlayerStatus status={status({ state: 'error', reason: 'unsupported', transcoded: false })} />,
    );
    expect(html).toContain('data-testid="tile-status"');
    expect(html).toContain('role="status"');
    expect(html).toContain(i18next.t('player.reason.unsupported'));
    expect(html).not.toContain('tile-transcoded');
  });
});
