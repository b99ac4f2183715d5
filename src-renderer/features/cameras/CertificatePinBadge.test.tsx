import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18nForTests } from '../../app/i18n';
import { CameraTable } from './CameraTable';
import { CertificatePinBadge } from './CertificatePinBadge';
import type { CertificatesAwaiting } from './certificatePinAwaiting';
import { SnapshotCache } from './snapshots';
import { testCamera } from '../../../tests/renderer/camera';

const camera = (id: string, name: string) => testCamera({ id, name, host: '10.0.0.9' });

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

const table = (certificates: CertificatesAwaiting, canTrust: boolean) =>
  renderToStaticMarkup(
    <CameraTable
      cameras={[camera('a', 'Cổng chợ'), camera('b', 'Bến phà')]}
      selectedId={null}
      onSelect={() => undefined}
      siteName={() => undefined}
      cache={new SnapshotCache(() => new Promise(() => undefined))}
      activity={new Map()}
      certificates={certificates}
      onTrustCertificate={canTrust ? () => undefined : undefined}
    />,
  );

/** The badge's element: `button` when it leads to the trust confirmation, `span` when it only tells. */
const badgeTags = (html: string) =>
  [...html.matchAll(/<(\w+)[^>]*data-testid="camera-certificate-badge"/g)].map((m) => m[1]);

describe('trusting a waiting certificate from the camera list', () => {
  beforeAll(initI18nForTests);

  it('makes the badge a keyboard-operable button for users who may trust certificates', async () => {
    await i18next.changeLanguage('vi');
    const html = table(
      new Map([
        ['a', 'pending'],
        ['b', 'changed'],
      ]),
      true,
    );
    expect(badgeTags(html)).toEqual(['button', 'button']);
    expect(html).toContain('aria-haspopup="dialog"');
    expect(html).toContain('type="button"');
    expect(html).toContain('title="Xem dấu vân tay camera đang xuất trình và tin cậy chứng chỉ này"');
    expect(text(html)).toContain('Chứng chỉ chờ tin cậy');
    await i18next.changeLanguage('en');
    expect(table(new Map([['a', 'pending']]), true)).toContain(
      'title="See the fingerprint the camera presents and trust this certificate"',
    );
  });

  it('leaves operators without cameras.manage a plain badge and no action', async () => {
    await i18next.changeLanguage('vi');
    const html = table(new Map([['a', 'changed']]), false);
    expect(badgeTags(html)).toEqual(['span']);
    expect(html).not.toContain('aria-haspopup');
    const alone = renderToStaticMarkup(<CertificatePinBadge state="pending" />);
    expect(badgeTags(alone)).toEqual(['span']);
    expect(alone).toContain('title="Chưa gửi gì tới camera.');
  });
});
