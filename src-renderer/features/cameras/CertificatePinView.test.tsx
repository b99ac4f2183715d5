import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CameraCertificate } from '../../../src-shared/contract';
import { initI18nForTests } from '../../app/i18n';
import { CertificatePinView } from './CertificatePinView';

const SEEN = Array.from({ length: 32 }, () => '5E').join(':');
const PINNED = Array.from({ length: 32 }, () => 'A1').join(':');

const certificate = (over: Partial<CameraCertificate>): CameraCertificate => ({
  cameraId: 'cam-1',
  tls: true,
  state: 'pending',
  pinnedSha256: null,
  pinnedAt: null,
  seenSha256: SEEN,
  seenAt: '2026-11-28T01:00:00.000Z',
  ...over,
});

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const render = (c: CameraCertificate, canManage: boolean) =>
  renderToStaticMarkup(
    <CertificatePinView certificate={c} canManage={canManage} busy={false} onTrust={() => undefined} />,
  );

describe('the camera’s rtsps certificate on its detail screen', () => {
  beforeAll(initI18nForTests);

  it('shows the presented fingerprint and, for technicians only, the button that trusts it', async () => {
    await i18next.changeLanguage('vi');
    const html = render(certificate({}), true);
    expect(html).toContain('data-state="pending"');
    expect(html).toContain(SEEN);
    expect(text(html)).toContain('Tin cậy chứng chỉ này');
    expect(text(html)).toContain('chưa gửi mật khẩu');
    expect(html).toContain('data-testid="camera-certificate-trust"');
    expect(render(certificate({}), false)).not.toContain('camera-certificate-trust');
    await i18next.changeLanguage('en');
    expect(text(render(certificate({}), true))).toContain('Trust this certificate');
  });

  it('says a changed certificate plainly, with both fingerprints', async () => {
    await i18next.changeLanguage('vi');
    const html = render(
      certificate({ state: 'changed', pinnedSha256: PINNED, pinnedAt: '2026-11-27T01:00:00.000Z' }),
      true,
    );
    expect(html).toContain('data-state="changed"');
    expect(html).toContain('notice--error');
    expect(text(html)).toContain('THAY ĐỔI');
    expect(html).toContain(PINNED);
    expect(html).toContain(SEEN);
  });

  it('offers nothing to trust once the pin matches', async () => {
    await i18next.changeLanguage('vi');
    const html = render(
      certificate({ state: 'trusted', pinnedSha256: SEEN, pinnedAt: '2026-11-27T01:00:00.000Z', seenSha256: null }),
      true,
    );
    expect(html).toContain('data-testid="camera-certificate-pinned"');
    expect(html).not.toContain('camera-certificate-trust');
    expect(html).not.toContain('camera-certificate-seen');
  });
});
