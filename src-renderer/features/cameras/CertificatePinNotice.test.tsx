import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CameraCertificate } from '../../../src-shared/contract';
import { initI18nForTests } from '../../app/i18n';
import { CameraTable } from './CameraTable';
import { applyCertificate, awaitingFrom, type CertificatesAwaiting } from './certificatePinAwaiting';
import { CertificatePinNoticeView } from './CertificatePinNoticeView';
import { SnapshotCache } from './snapshots';
import { testCamera } from '../../../tests/renderer/camera';

const FP = Array.from({ length: 32 }, () => '5E').join(':');
const certificate = (cameraId: string, state: CameraCertificate['state']): CameraCertificate => ({
  cameraId,
  tls: true,
  state,
  pinnedSha256: state === 'pending' ? null : FP,
  pinnedAt: null,
  seenSha256: state === 'pending' || state === 'changed' ? FP : null,
  seenAt: null,
});

const camera = (id: string, name: string) => testCamera({ id, name, host: '10.0.0.9' });

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('cameras whose rtsps certificate waits for a technician', () => {
  beforeAll(initI18nForTests);

  it('keeps pending and changed certificates, and forgets one once it is trusted', () => {
    let awaiting: CertificatesAwaiting = awaitingFrom([certificate('a', 'pending'), certificate('b', 'changed')]);
    expect([...awaiting]).toEqual([
      ['a', 'pending'],
      ['b', 'changed'],
    ]);
    awaiting = applyCertificate(awaiting, certificate('a', 'trusted'));
    awaiting = applyCertificate(awaiting, certificate('c', 'pending'));
    expect([...awaiting]).toEqual([
      ['b', 'changed'],
      ['c', 'pending'],
    ]);
  });

  it('shows a badge in the camera list’s status column, in Vietnamese first', async () => {
    await i18next.changeLanguage('vi');
    const cache = new SnapshotCache(() => new Promise(() => undefined));
    const render = (certificates: CertificatesAwaiting) =>
      renderToStaticMarkup(
        <CameraTable
          cameras={[camera('a', 'Cổng chợ'), camera('b', 'Bến phà'), camera('c', 'Ngã tư')]}
          selectedId={null}
          onSelect={() => undefined}
          siteName={() => undefined}
          cache={cache}
          activity={new Map()}
          certificates={certificates}
        />,
      );
    const html = render(
      new Map([
        ['a', 'pending'],
        ['b', 'changed'],
      ]),
    );
    expect(html.match(/data-testid="camera-certificate-badge"/g)).toHaveLength(2);
    expect(html).toContain('data-state="pending"');
    expect(html).toContain('data-state="changed"');
    expect(text(html)).toContain('Chứng chỉ chờ tin cậy');
    expect(text(html)).toContain('Chứng chỉ đã thay đổi');
    expect(render(new Map())).not.toContain('camera-certificate-badge');
    await i18next.changeLanguage('en');
    expect(text(render(new Map([['c', 'changed']])))).toContain('Certificate changed');
  });

  it('raises a notice in the header with the count, linking to the Cameras page, and nothing when none wait', async () => {
    await i18next.changeLanguage('vi');
    expect(renderToStaticMarkup(<CertificatePinNoticeView awaiting={new Map()} />)).toBe('');
    const html = renderToStaticMarkup(<CertificatePinNoticeView awaiting={new Map([['a', 'pending']])} />);
    expect(html).toContain('data-testid="certificate-notice"');
    expect(html).toContain('href="#/cameras?certificates=awaiting"');
    expect(html).toContain('data-state="pending"');
    expect(text(html)).toContain('1 camera chờ kỹ thuật viên xác nhận chứng chỉ TLS');
    await i18next.changeLanguage('en');
    const two = renderToStaticMarkup(
      <CertificatePinNoticeView
        awaiting={
          new Map([
            ['a', 'pending'],
            ['b', 'changed'],
          ])
        }
      />,
    );
    expect(two).toContain('data-state="changed"');
    expect(text(two)).toContain('Cameras waiting for a technician to confirm their TLS certificate: 2');
  });
});
