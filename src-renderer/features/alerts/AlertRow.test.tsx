import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../../src-shared/contract/alerts';
import { resources } from '../../../src-shared/i18n';
import { alertFixture } from '../../../tests/alerts/alert-fixture';
import { initI18nForTests } from '../../app/i18n';
import { AlertRow } from './AlertRow';

const motion = alertFixture({
  dedupeKey: 'camera|camera.motion|onvif:hikvision/ds-2cd2143g0-i/dt-cam-01',
  source: 'camera',
  sourceId: 'onvif:hikvision/ds-2cd2143g0-i/dt-cam-01',
  type: 'camera.motion',
  domain: 'cameras',
  severity: 'warning',
  firstSeenAt: '2026-11-27T01:00:00.000Z',
  lastSeenAt: '2026-11-27T01:00:00.000Z',
  count: 2,
  value: null,
  threshold: null,
  unit: null,
  title: 'Camera phát hiện chuyển động: Cầu Sa Đéc',
  subject: 'Cầu Sa Đéc',
  lastChange: 'repeated',
  seq: 7,
});

const titleOf = (alert: Alert) => {
  const html = renderToStaticMarkup(<AlertRow alert={alert} selected={false} fresh={false} onSelect={() => {}} />);
  return /class="alert-row__title">([^<]*)</.exec(html)?.[1];
};

describe('an alert row', () => {
  beforeAll(initI18nForTests);
  afterAll(() => i18next.changeLanguage('vi'));

  it('names the camera beside the type, in the operator’s language, and only what is named', async () => {
    expect(titleOf(motion)).toBe('Camera phát hiện chuyển động: Cầu Sa Đéc');
    await i18next.changeLanguage('en');
    expect(titleOf(motion)).toBe(`${resources.en.alerts.type.camera_motion}: Cầu Sa Đéc`);
    expect(titleOf({ ...motion, type: 'camera.tamper' })).toBe(`${resources.en.alerts.type.camera_tamper}: Cầu Sa Đéc`);
    await i18next.changeLanguage('vi');
    // The type alone when nothing is named (or an older server), the server's title for a type it does not know.
    expect(titleOf({ ...motion, subject: null })).toBe('Camera phát hiện chuyển động');
    const { subject: _subject, ...older } = motion;
    expect(titleOf(older)).toBe('Camera phát hiện chuyển động');
    expect(titleOf({ ...motion, type: 'camera.smoke', title: 'Camera thấy khói: Cầu Sa Đéc' })).toBe(
      'Camera thấy khói: Cầu Sa Đéc',
    );
  });
});
