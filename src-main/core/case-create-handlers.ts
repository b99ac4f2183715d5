import type { CameraService } from '../services/cameras';
import type { CasesService } from '../services/cases';
import { cameraAccess } from './camera-handlers';
import type { Handlers } from './handlers';

const PHOTO_TYPES = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;
type PhotoType = keyof typeof PHOTO_TYPES;

function isPhotoType(value: string): value is PhotoType {
  return Object.hasOwn(PHOTO_TYPES, value);
}

/**
 * Opening a case from the wall: the camera's picture is grabbed here, in the core, with the camera's own
 * credentials, and the camera's place and (known) site fill what the form left empty. A snapshot that fails does not lose
 * the case: it is queued without the picture and the reply says why.
 */
export function caseCreateHandlers(deps: {
  cases: CasesService;
  cameras: CameraService;
}): Pick<Handlers, 'case.create' | 'case.services'> {
  const visible = cameraAccess(deps.cameras);
  return {
    'case.services': () => deps.cases.services(),
    'case.create': async (input, { principal }) => {
      const { snapshotCameraId, ...fields } = input;
      if (!snapshotCameraId) {
        const queued = deps.cases.create(fields, principal);
        return { caseId: queued.caseId, seq: queued.seq, pending: true, snapshot: 'none' };
      }
      const cameraId = await visible(snapshotCameraId, principal);
      const camera = await deps.cameras.get(cameraId);
      const place =
        fields.lat === undefined && camera?.location ? { lat: camera.location.lat, long: camera.location.lon } : {};
      // A camera's site this workstation does not know yet would refuse the case: it goes site-less instead.
      const cameraSite = camera?.siteId && deps.cases.knownSite(camera.siteId) ? camera.siteId : null;
      const site = fields.siteId === undefined && cameraSite ? { siteId: cameraSite } : {};
      let photo = null;
      let snapshotError: string | undefined;
      try {
        const shot = await deps.cameras.snapshot(cameraId, undefined, { userId: principal.userId });
        const mime = shot.contentType.split(';')[0]!.trim().toLowerCase();
        if (!isPhotoType(mime)) throw new Error(`the camera sent ${mime.slice(0, 60)}, not a photo`);
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        const name = (camera?.name ?? cameraId).replace(/[^\p{L}\p{N}_-]+/gu, '-').slice(0, 80);
        photo = {
          bytes: Buffer.from(shot.dataBase64, 'base64'),
          mime,
          fileName: `${name}-${stamp}.${PHOTO_TYPES[mime]}`,
        };
      } catch (error) {
        snapshotError = error instanceof Error ? error.message : String(error);
      }
      const queued = deps.cases.create({ ...fields, ...place, ...site, cameraId }, principal, photo);
      return {
        caseId: queued.caseId,
        seq: queued.seq,
        pending: true,
        snapshot: photo ? 'attached' : 'failed',
        ...(snapshotError === undefined ? {} : { snapshotError: snapshotError.slice(0, 500) }),
      };
    },
  };
}
