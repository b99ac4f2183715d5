import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18nForTests } from '../../app/i18n';
import { parseHash } from '../../app/routes';
import { camerasHash, certificatesFilterOf, filterCameras, isFiltered, NO_FILTER } from './cameraFilter';
import type { CertificatesAwaiting } from './certificatePinAwaiting';
import { CameraToolbar } from './CameraToolbar';
import { CertificatePinNoticeView } from './CertificatePinNoticeView';
import { testCamera } from '../../../tests/renderer/camera';

const camera = (id: string, name: string) => testCamera({ id, name, host: '10.0.0.9' });

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

const toolbar = (certificates: '' | 'awaiting') =>
  renderToStaticMarkup(
    <CameraToolbar
      filter={{ ...NO_FILTER, certificates }}
      onFilter={() => undefined}
      sites={[]}
      shown={1}
      total={3}
      canManage
      refreshing={false}
      onReload={() => undefined}
      onDiscover={() => undefined}
      onAdd={() => undefined}
    />,
  );

describe('the camera list filtered to the cameras waiting for certificate trust', () => {
  beforeAll(initI18nForTests);

  it('reads `#/cameras?certificates=awaiting`, and nothing else, as the filter; the route stays the Cameras page', () => {
    expect(certificatesFilterOf('#/cameras?certificates=awaiting')).toBe('awaiting');
    expect(certificatesFilterOf('#/cameras?x=1&certificates=awaiting')).toBe('awaiting');
    expect(certificatesFilterOf('#/cameras')).toBe('');
    expect(certificatesFilterOf('#/cameras?certificates=all')).toBe('');
    expect(certificatesFilterOf('#/cameras?certificates=')).toBe('');
    expect(certificatesFilterOf(camerasHash('awaiting'))).toBe('awaiting');
    expect(certificatesFilterOf(camerasHash(''))).toBe('');
    expect(parseHash(camerasHash('awaiting'))).toEqual({ kind: 'page', page: 'cameras' });
  });

  it('keeps only the cameras whose certificate is pending or changed, with the other filters still applied', () => {
    const cameras = [camera('a', 'Cổng chợ'), camera('b', 'Bến phà'), camera('c', 'Ngã tư')];
    const awaiting: CertificatesAwaiting = new Map([
      ['a', 'pending'],
      ['c', 'changed'],
    ]);
    const ids = (filter: Partial<typeof NO_FILTER>, map?: CertificatesAwaiting) =>
      filterCameras(cameras, { ...NO_FILTER, ...filter }, () => undefined, map).map((c) => c.id);
    expect(ids({ certificates: 'awaiting' }, awaiting)).toEqual(['a', 'c']);
    expect(ids({ certificates: 'awaiting', query: 'nga tu' }, awaiting)).toEqual(['c']);
    expect(ids({ certificates: '' }, awaiting)).toEqual(['a', 'b', 'c']);
    // None waiting (or not known yet): the filtered list is empty, not everything.
    expect(ids({ certificates: 'awaiting' })).toEqual([]);
    expect(isFiltered({ ...NO_FILTER, certificates: 'awaiting' })).toBe(true);
    expect(isFiltered(NO_FILTER)).toBe(false);
  });

  it('shows a clearable chip for the filter in the toolbar, in Vietnamese first', async () => {
    await i18next.changeLanguage('vi');
    const html = toolbar('awaiting');
    expect(html).toContain('data-testid="cameras-filter-certificates"');
    expect(html).toContain('data-testid="cameras-filter-certificates-clear"');
    expect(text(html)).toContain('Chờ tin cậy chứng chỉ');
    expect(html).toContain('aria-label="Bỏ lọc: hiện mọi camera"');
    expect(toolbar('')).not.toContain('cameras-filter-certificates');
    await i18next.changeLanguage('en');
    const en = toolbar('awaiting');
    expect(text(en)).toContain('Waiting for certificate trust');
    expect(en).toContain('aria-label="Remove the filter: show every camera"');
  });

  it('the header notice links to the filtered list', () => {
    const html = renderToStaticMarkup(<CertificatePinNoticeView awaiting={new Map([['a', 'pending']])} />);
    expect(html).toContain('href="#/cameras?certificates=awaiting"');
  });
});
