import { randomUUID } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';

export interface ClientRow {
  clientId: string;
  nextSeq: number;
  serverUrl: string | null;
  deviceId: string | null;
  epoch: string | null;
  cursorSeq: number;
  lastSyncAt: string | null;
}

interface Raw {
  client_id: string;
  next_seq: number;
  server_url: string | null;
  device_id: string | null;
  epoch: string | null;
  cursor_seq: number;
  last_sync_at: string | null;
}

export function newClientId(): string {
  return randomUUID();
}

/** The one sync_client row, created on first use. */
export function createClientRow(sqlite: BetterSqlite3.Database, now: () => Date) {
  const insert = sqlite.prepare(
    'INSERT OR IGNORE INTO sync_client (id, client_id, next_seq, updated_at) VALUES (1, ?, 1, ?)',
  );
  const select = sqlite.prepare<[], Raw>(
    'SELECT client_id, next_seq, server_url, device_id, epoch, cursor_seq, last_sync_at FROM sync_client WHERE id = 1',
  );
  insert.run(newClientId(), now().toISOString());
  return {
    read(): ClientRow {
      const r = select.get();
      if (!r) throw new Error('sync_client row missing');
      return {
        clientId: r.client_id,
        nextSeq: r.next_seq,
        serverUrl: r.server_url,
        deviceId: r.device_id,
        epoch: r.epoch,
        cursorSeq: r.cursor_seq,
        lastSyncAt: r.last_sync_at,
      };
    },
  };
}
export type ClientRowAccess = ReturnType<typeof createClientRow>;
