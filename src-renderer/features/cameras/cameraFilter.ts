import type { Camera, CameraStatus } from '../../../src-shared/contract';
import { foldForSearch } from '../../../src-shared/i18n';
import { STATUS_ORDER } from './cameraView';

/** '' = every site, NO_SITE = cameras without one, else a site id. */
export const NO_SITE = '-';

export interface CameraFilter {
  query: string;
  siteId: string;
  status: CameraStatus | '';
}

export const NO_FILTER: CameraFilter = { query: '', siteId: '', status: '' };

export function isFiltered(filter: CameraFilter): boolean {
  return filter.query.trim() !== '' || filter.siteId !== '' || filter.status !== '';
}

/** Every word of the query must appear, diacritics and case ignored, in the camera's name, address, make, site… */
export function filterCameras(
  cameras: readonly Camera[],
  filter: CameraFilter,
  siteName: (id: string) => string | undefined,
): Camera[] {
  const words = foldForSearch(filter.query).split(' ').filter(Boolean);
  return cameras.filter((camera) => {
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
