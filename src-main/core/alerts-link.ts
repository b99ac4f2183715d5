import type { ServerLink } from '../services/alerts';
import type { SecretsService } from '../services/secrets';
import type { Store } from '../services/store';
import { createSecretCredentialStore } from '../services/sync/credentials';

/**
 * The alerts service reaches the central server as this workstation's enrolled device: the credentials the sync
 * engine saved when it enrolled (read, never written, here). Until it has enrolled, alerts wait.
 */
export function serverLinkOf(serverUrl: string | null, store: Store, secrets: SecretsService): ServerLink | null {
  if (serverUrl === null) return null;
  const credentials = createSecretCredentialStore(store.sqlite, secrets, () => undefined);
  return {
    serverUrl,
    authorization() {
      const c = credentials.load();
      return c ? `Bearer ${c.deviceId}.${c.secret}` : null;
    },
  };
}
