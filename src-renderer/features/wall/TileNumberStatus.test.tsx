import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18nForTests } from '../../app/i18n';
import { TileNumberStatus } from './TileNumberStatus';

describe('the tile number being typed', () => {
  beforeAll(initI18nForTests);

  it('is a live region that is there even when empty, so the first digit is announced', async () => {
    await i18next.changeLanguage('vi');
    const empty = renderToStaticMarkup(<TileNumberStatus note={null} />);
    expect(empty).toContain('role="status"');
    expect(empty).not.toContain('tile-number--shown');
    const pending = renderToStaticMarkup(<TileNumberStatus note={{ kind: 'pending', digit: 1 }} />);
    expect(pending).toContain('Ô 1… (gõ thêm một chữ số, Enter: chọn ô 1)');
    expect(pending).toContain('data-pending="1"');
    expect(pending).toContain('tile-number--shown');
    expect(renderToStaticMarkup(<TileNumberStatus note={{ kind: 'missing', n: 17 }} />)).toContain('Không có ô 17');
  });

  it('speaks English too', async () => {
    await i18next.changeLanguage('en');
    expect(renderToStaticMarkup(<TileNumberStatus note={{ kind: 'pending', digit: 2 }} />)).toContain(
      'Tile 2… (type another digit, Enter: tile 2)',
    );
    expect(renderToStaticMarkup(<TileNumberStatus note={{ kind: 'missing', n: 65 }} />)).toContain('No tile 65');
  });
});
