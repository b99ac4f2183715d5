import type { Camera, CameraStatus } from '../../../src-shared/contract';
import { foldForSearch } from '../../../src-shared/i18n';
import type { CertificatesAwaiting } from './certificatePinAwaiting';
import { STATUS_ORDER } from './cameraView';

/** '' = every site, NO_SITE = cameras without one, else a site id. */
export const NO_SITE = '-';

export interface CameraFilter {
  query: string;
  siteId: string;
  status: CameraStatus | '';
  /** 'awaiting': only cameras whose rtsps certificate waits for a technician (pending or changed). */
  certificates: CertificatesFilter;
}

export type CertificatesFilter = '' | 'awaiting';

export const NO_FILTER: CameraFilter = { query: '', siteId: '', status: '', certificates: '' };

export function isFiltered(filter: CameraFilter): boolean {
  return filter.query.trim() !== '' || filter.siteId !== '' || filter.status !== '' || filter.certificates !== '';
}

/**
 * The Cameras page's hash: `#/cameras?certificates=awaiting` (the header's certificate notice links there) shows
 * only the cameras waiting for certificate trust; anything else in the query is ignored.
 */
export function certificatesFilterOf(hash: string): CertificatesFilter {
  const q = hash.indexOf('?');
  if (q < 0) return '';
  return new URLSearchParams(hash.slice(q + 1)).get('certificates') === 'awaiting' ? 'awaiting' : '';
}

/** `certificatesFilterOf` reads it back. */
export function camerasHash(certificates: CertificatesFilter): string {
  return certificates === 'awaiting' ? '#/cameras?certificates=awaiting' : '#/cameras';
}

/**
 * Every word of the query must appear, diacritics and case ignored, in the camera's name, address, make, site…
 * `awaiting` (which cameras' certificate waits for trust) is read by the `certificates` filter only.
 */
export function filterCameras(
  cameras: readonly Camera[],
  filter: CameraFilter,
  siteName: (id: string) => string | undefined,
  awaiting: CertificatesAwaiting = new Map(),
): Camera[] {
  const words = foldForSearch(filter.query).split(' ').filter(Boolean);
  return cameras.filter((camera) => {
    if (filter.certificates === 'awaiting' && !awaiting.has(camera.id)) return false;
    if (filter.status !== '' && camera.status !== filter.status) return false;
    if (filter.siteId === NO_SITE ? camera.siteId !== null : filter.siteId !== '' && camera.siteId !== filter.siteId)
      return false;
    if (words.length === 0) return true;
    const haystack = foldForSearch(
      [
        camera.name,
        camera.host,
        `${camera.host}:${camera.port}`,
        camera.manufacturer,
        camera.model,
        camera.serial,
        camera.siteId ? (siteName(camera.siteId) ?? camera.siteId) : '',
      ].join(' '),
    );
    return words.every((word) => haystack.includes(word));
  });
}

export function countByStatus(cameras: readonly Camera[]): Map<CameraStatus, number> {
  const counts = new Map<CameraStatus, number>(STATUS_ORDER.map((s) => [s, 0]));
  for (const camera of cameras) counts.set(camera.status, (counts.get(camera.status) ?? 0) + 1);
  return counts;
}

/** Cameras needing attention first, then by name the way Vietnamese readers sort. */
export function sortCameras(cameras: readonly Camera[]): Camera[] {
  const rank = (c: Camera): number => STATUS_ORDER.indexOf(c.status);
  const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });
  return [...cameras].sort((a, b) => rank(a) - rank(b) || collator.compare(a.name, b.name));
}
