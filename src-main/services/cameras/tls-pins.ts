// rtsps:// cameras' certificate pins (workstation migration 013): trust on first use, confirmed by a technician, as
// SSH does with host keys. Cameras use self-signed certificates, so checking a CA would prove nothing; the streams
// service's native reader compares what the camera presents with the pin before it sends anything.
import type BetterSqlite3 from 'better-sqlite3';
import type { CameraCertificate } from '../../../src-shared/contract';

interface PinRow {
  pinned_sha256: string | null;
  pinned_at: string | null;
  seen_sha256: string | null;
  seen_at: string | null;
}

export interface TlsPinStore {
  /** What is known of the camera's certificate; `tls` says whether it has an rtsps stream at all. */
  get(cameraId: string, tls: boolean): CameraCertificate;
  /** The trusted fingerprint, or null. */
  pinned(cameraId: string): string | null;
  /** The camera presented a certificate that was refused; true when it is another one than last time. */
  refused(cameraId: string, seenSha256: string, at: string): boolean;
  /** Cameras whose presented certificate waits for a technician (`pending`) or is not the pinned one (`changed`). */
  awaiting(): CameraCertificate[];
  /** Pins `sha256` (and forgets the refused one); the caller checked it is what the camera presented. */
  trust(cameraId: string, sha256: string, userId: string | null, at: string): void;
}

export function createTlsPinStore(sqlite: BetterSqlite3.Database): TlsPinStore {
  const select = sqlite.prepare<[string], PinRow>(
    'SELECT pinned_sha256, pinned_at, seen_sha256, seen_at FROM camera_tls_pins WHERE camera_id = ?',
  );
  const upsertSeen = sqlite.prepare<[string, string, string]>(
    `INSERT INTO camera_tls_pins (camera_id, seen_sha256, seen_at) VALUES (?, ?, ?)
     ON CONFLICT (camera_id) DO UPDATE SET seen_sha256 = excluded.seen_sha256, seen_at = excluded.seen_at`,
  );
  const upsertPin = sqlite.prepare<[string, string, string, string | null]>(
    `INSERT INTO camera_tls_pins (camera_id, pinned_sha256, pinned_at, pinned_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (camera_id) DO UPDATE SET pinned_sha256 = excluded.pinned_sha256, pinned_at = excluded.pinned_at,
       pinned_by = excluded.pinned_by, seen_sha256 = NULL, seen_at = NULL`,
  );

  const selectAwaiting = sqlite.prepare<[], { camera_id: string }>(
    `SELECT camera_id FROM camera_tls_pins
     WHERE seen_sha256 IS NOT NULL AND (pinned_sha256 IS NULL OR pinned_sha256 <> seen_sha256) ORDER BY camera_id`,
  );

  const store: TlsPinStore = {
    // A camera only presents a certificate over rtsps://, so a refused one says it has an rtsps stream.
    awaiting: () => selectAwaiting.all().map((row) => store.get(row.camera_id, true)),
    get(cameraId, tls) {
      const row = select.get(cameraId);
      const pinnedSha256 = row?.pinned_sha256 ?? null;
      const seenSha256 = row?.seen_sha256 ?? null;
      const state: CameraCertificate['state'] =
        seenSha256 !== null && seenSha256 !== pinnedSha256
          ? pinnedSha256 === null
            ? 'pending'
            : 'changed'
          : pinnedSha256 !== null
            ? 'trusted'
            : 'none';
      return {
        cameraId,
        tls,
        state,
        pinnedSha256,
        pinnedAt: row?.pinned_at ?? null,
        seenSha256,
        seenAt: row?.seen_at ?? null,
      };
    },
    pinned: (cameraId) => select.get(cameraId)?.pinned_sha256 ?? null,
    refused(cameraId, seenSha256, at) {
      const before = select.get(cameraId)?.seen_sha256 ?? null;
      upsertSeen.run(cameraId, seenSha256, at);
      return before !== seenSha256;
    },
    trust(cameraId, sha256, userId, at) {
      upsertPin.run(cameraId, sha256, at, userId);
    },
  };
  return store;
}
