import type BetterSqlite3 from 'better-sqlite3';
import type { SecretsService } from '../secrets';
import type { DeviceCredentials } from './transport';
import { writeTransaction } from '../store';

export interface CredentialStore {
  load(): DeviceCredentials | null;
  /** Saves the device and the server it belongs to, atomically. */
  save(credentials: DeviceCredentials, serverUrl: string): void;
  clear(): void;
}

const SECRET_ID = 'sync.device';

/** The device id beside the sync state; its secret encrypted in the secrets table (never in a log or a reply). */
export function createSecretCredentialStore(
  sqlite: BetterSqlite3.Database,
  secrets: SecretsService,
  onUnreadable: (message: string) => void,
): CredentialStore {
  const read = sqlite.prepare<[], { device_id: string | null }>('SELECT device_id FROM sync_client WHERE id = 1');
  const write = sqlite.prepare('UPDATE sync_client SET device_id = ?, server_url = ? WHERE id = 1');
  const forget = sqlite.prepare('UPDATE sync_client SET device_id = NULL WHERE id = 1');
  return {
    load() {
      const deviceId = read.get()?.device_id ?? null;
      if (deviceId === null) return null;
      try {
        const secret = secrets.get(SECRET_ID);
        return secret === null ? null : { deviceId, secret };
      } catch (error) {
        // The secrets key changed: the device enrols again rather than stop syncing.
        onUnreadable(error instanceof Error ? error.message : String(error));
        return null;
      }
    },
    save(credentials, serverUrl) {
      writeTransaction(sqlite, () => {
        secrets.put(SECRET_ID, credentials.secret);
        write.run(credentials.deviceId, serverUrl);
      })();
    },
    clear() {
      writeTransaction(sqlite, () => {
        forget.run();
        secrets.delete(SECRET_ID);
      })();
    },
  };
}
