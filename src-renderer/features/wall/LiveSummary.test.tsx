import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ALARM_POLICY, type WallDisplay } from '../../../src-shared/contract/layouts';
import { resources } from '../../../src-shared/i18n';
import { initI18nForTests } from '../../app/i18n';
import { LiveSummary } from './LiveSummary';

const reportedAt = new Date(Date.now() - 4_000).toISOString();
const display = (over: Partial<WallDisplay> = {}): WallDisplay => ({
  displayId: 'screen-1',
  source: { kind: 'layout', layoutId: 'l1' },
  tour: { running: false, startedAt: null, heldStep: null },
  alarmPolicy: DEFAULT_ALARM_POLICY,
  alarm: null,
  version: 1,
  updatedAt: null,
  live: {
    reportedAt,
    layoutId: 'l1',
    tourStep: null,
    alarmId: null,
    tiles: [
      { cameraId: 'cam-a', state: 'playing' },
      { cameraId: 'cam-b', state: 'playing' },
      { cameraId: 'cam-c', state: 'stalled' },
      { cameraId: null, state: null },
    ],
  },
  ...over,
});
const text = (html: string) => html.replace(/<[^>]*>/g, '');

/** The control window sees what each display's wall window shows (issue 4 §4). */
describe('the live summary of a display', () => {
  beforeAll(initI18nForTests);
  afterEach(() => i18next.changeLanguage('vi'));

  it('counts the playing tiles among those with a camera, names the others’ states, and how fresh it is', () => {
    const html = renderToStaticMarkup(<LiveSummary wall={display()} />);
    expect(html).toContain('data-reporting="true"');
    expect(html).toContain('data-playing="2"');
    expect(html).toContain('data-tiles="3"');
    expect(text(html)).toContain('Đang phát 2/3 ô');
    expect(text(html)).toContain('Hình bị đứng — đang kết nối lại: 1');
    expect(text(html)).toMatch(/cập nhật [45] giây trước/);
    expect(text(html)).not.toContain('bước');
  });

  it('shows the tour step and an open alarm pop-up, in English too', async () => {
    const wall = display({
      alarm: { id: 'al1', cameraIds: ['cam-a'], sources: [], raisedAt: reportedAt, revertAt: reportedAt },
    });
    const live = { ...wall.live!, tourStep: 2 };
    expect(text(renderToStaticMarkup(<LiveSummary wall={{ ...wall, live }} />))).toContain('bước 3');
    await i18next.changeLanguage('en');
    const html = text(renderToStaticMarkup(<LiveSummary wall={{ ...wall, live }} />));
    expect(html).toContain('Playing 2/3 tiles');
    expect(html).toContain('step 3');
    expect(html).toContain(resources.en.wall.live.alarm);
  });

  it('says no wall window is open when none reported', () => {
    const html = renderToStaticMarkup(<LiveSummary wall={display({ live: null })} />);
    expect(html).toContain('data-reporting="false"');
    expect(text(html)).toBe(resources.vi.wall.live.none);
  });
});
