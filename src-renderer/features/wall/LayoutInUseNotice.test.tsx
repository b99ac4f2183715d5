import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Display } from '../../../src-shared/contract';
import { initI18nForTests } from '../../app/i18n';
import type { ClientError } from '../../bridge';
import { ActionError } from './ActionError';
import { LayoutInUseNotice as LayoutInUseNoticeView } from './LayoutInUseNotice';

const display = (id: string, label: string): Display => ({
  id,
  label,
  primary: false,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  scaleFactor: 1,
});

// What the core answers when a display and a tour use the layout (src-main/services/layouts/versioned-repo.ts).
const refused: ClientError = {
  code: 'conflict',
  message: 'The layout "Ngã tư" is in use by display screen-1, tour "Ca đêm"; change that first.',
  reason: {
    kind: 'in_use',
    item: 'layout',
    name: 'Ngã tư',
    users: [
      { kind: 'display', id: 'screen-1' },
      { kind: 'tour', name: 'Ca đêm' },
    ],
  },
};

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('a refused layout delete', () => {
  beforeAll(initI18nForTests);

  it('names what uses the layout in Vietnamese, never the core’s English message', async () => {
    await i18next.changeLanguage('vi');
    const displays = [display('screen-0', ''), display('screen-1', '')];
    const html = renderToStaticMarkup(<LayoutInUseNoticeView error={refused} displays={displays} />);
    expect(text(html)).toBe(
      'Không xoá được: bố cục đang được dùng trên một màn hình hoặc trong một tour. Gỡ nó ra ở đó trước. ' +
        'Đang được dùng bởi: Màn hình 2, tour “Ca đêm”.',
    );
    expect(html).not.toContain('in use');
    expect(html).toContain('role="alert"');
  });

  it('says it in English too, with the display’s own label, or its id when the shell no longer lists it', async () => {
    await i18next.changeLanguage('en');
    const labelled = renderToStaticMarkup(
      <LayoutInUseNoticeView error={refused} displays={[display('screen-1', 'DELL U2419H')]} />,
    );
    expect(text(labelled)).toContain('In use by: DELL U2419H, tour “Ca đêm”.');
    const gone = renderToStaticMarkup(<LayoutInUseNoticeView error={refused} displays={[]} />);
    expect(text(gone)).toContain('In use by: display “screen-1”, tour “Ca đêm”.');
    expect(gone).not.toContain('change that first');
  });

  it('shows no English detail when the core gave no reason', async () => {
    await i18next.changeLanguage('vi');
    const html = renderToStaticMarkup(
      <LayoutInUseNoticeView error={{ code: 'conflict', message: 'in use by display screen-1' }} displays={null} />,
    );
    expect(text(html)).toBe(
      'Không xoá được: bố cục đang được dùng trên một màn hình hoặc trong một tour. Gỡ nó ra ở đó trước.',
    );
  });
});

describe('a refused tour delete', () => {
  beforeAll(initI18nForTests);

  it('names the display in the user’s language instead of the core’s English', async () => {
    await i18next.changeLanguage('vi');
    const html = renderToStaticMarkup(
      <ActionError
        error={{
          code: 'conflict',
          message: 'The tour "Ca đêm" is in use by display screen-2; change that first.',
          reason: { kind: 'in_use', item: 'tour', name: 'Ca đêm', users: [{ kind: 'display', id: 'screen-2' }] },
        }}
      />,
    );
    expect(text(html)).toContain('Đang được dùng bởi: màn hình “screen-2”.');
    expect(html).not.toContain('change that first');
  });
});
