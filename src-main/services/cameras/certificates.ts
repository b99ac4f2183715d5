// What the camera service does with rtsps:// certificate pins (tls-pins.ts): tells the streams service the pin,
// records what a camera presented when it was refused (audited once per new certificate), and lets a technician
// trust the certificate the camera presented.
import { CommandError, type CameraCertificate } from '../../../src-shared/contract';
import type { AuditLog } from '../audit';
import type { CameraPublish } from './publisher';
import type { TlsPinStore } from './tls-pins';
import type { Actor, CameraLogger, SourceCertificate } from './types';

export interface CameraCertificates {
  get(cameraId: string, tls: boolean): CameraCertificate;
  /** For an rtsps:// stream source: the pin, and where a refusal is reported. */
  forSource(cameraId: string): SourceCertificate;
  trust(cameraId: string, tls: boolean, fingerprint: string, actor: Actor): CameraCertificate;
  /** Cameras whose certificate waits for a technician or changed: what the camera list and the header show. */
  awaiting(): CameraCertificate[];
}

export function createCameraCertificates(deps: {
  pins: TlsPinStore;
  audit: AuditLog;
  logger: CameraLogger;
  now: () => Date;
  /** `camera.certificate` when a camera presents a new certificate that was refused, and when one is trusted. */
  publish?: CameraPublish;
}): CameraCertificates {
  const { pins } = deps;
  const announce = (certificate: CameraCertificate) => {
    try {
      deps.publish?.('camera.certificate', certificate);
    } catch (error) {
      deps.logger.warn('publishing a certificate change failed', { error: String(error).slice(0, 300) });
    }
  };
  return {
    get: (cameraId, tls) => pins.get(cameraId, tls),
    awaiting: () => pins.awaiting(),

    forSource(cameraId) {
      return {
        pinnedSha256: pins.pinned(cameraId),
        refused(seenSha256, verdict) {
          if (seenSha256 === null) return;
          if (!pins.refused(cameraId, seenSha256, deps.now().toISOString())) return;
          const pinnedSha256 = pins.pinned(cameraId);
          deps.logger.warn(
            verdict === 'changed'
              ? "the camera's TLS certificate changed; nothing was sent to it"
              : "the camera's TLS certificate waits for a technician to trust it; nothing was sent to it",
            { cameraId, seenSha256, pinnedSha256 },
          );
          deps.audit.record({
            userId: null,
            action: verdict === 'changed' ? 'cameras.certificate_changed' : 'cameras.certificate_seen',
            subject: cameraId,
            detail: { seenSha256, pinnedSha256 },
          });
          announce(pins.get(cameraId, true));
        },
      };
    },

    trust(cameraId, tls, fingerprint, actor) {
      const current = pins.get(cameraId, tls);
      if (current.pinnedSha256 === fingerprint && current.seenSha256 === null) return current;
      if (current.seenSha256 !== fingerprint) {
        throw new CommandError(
          'conflict',
          current.seenSha256 === null
            ? 'The camera has not presented a certificate to trust yet. Open its live picture once, then try again.'
            : 'The camera now presents another certificate than the one shown. Compare the new fingerprint with the camera, then try again.',
        );
      }
      pins.trust(cameraId, fingerprint, actor.userId, deps.now().toISOString());
      deps.audit.record({
        userId: actor.userId,
        action: 'cameras.trust_certificate',
        subject: cameraId,
        detail: { sha256: fingerprint, previousSha256: current.pinnedSha256 },
      });
      const trusted = pins.get(cameraId, tls);
      announce(trusted);
      return trusted;
    },
  };
}
