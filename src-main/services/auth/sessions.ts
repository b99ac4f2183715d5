import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../store';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface SessionRow {
  tokenHash: string;
  userId: string;
  expiresAt: Date;
}

/** Sessions slide: each use within the TTL pushes expiry forward, so a shift is not interrupted. */
export function createSessionTable(store: Store, ttlMs: number, now: () => Date) {
  return {
    async create(userId: string): Promise<{ token: string; tokenHash: string; expiresAt: Date }> {
      const token = randomBytes(32).toString('base64url');
      const tokenHash = hashToken(token);
      const at = now();
      const expiresAt = new Date(at.getTime() + ttlMs);
      await store.db
        .insertInto('sessions')
        .values({
          token_hash: tokenHash,
          user_id: userId,
          created_at: at.toISOString(),
          expires_at: expiresAt.toISOString(),
          last_seen_at: at.toISOString(),
        })
        .execute();
      return { token, tokenHash, expiresAt };
    },

    async touch(token: string): Promise<SessionRow | null> {
      const tokenHash = hashToken(token);
      const row = await store.db
        .selectFrom('sessions')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      if (!row) return null;
      const at = now();
      if (new Date(row.expires_at).getTime() <= at.getTime()) {
        await store.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
        return null;
      }
      const expiresAt = new Date(at.getTime() + ttlMs);
      await store.db
        .updateTable('sessions')
        .set({ last_seen_at: at.toISOString(), expires_at: expiresAt.toISOString() })
        .where('token_hash', '=', tokenHash)
        .execute();
      return { tokenHash, userId: row.user_id, expiresAt };
    },

    async remove(tokenHash: string): Promise<void> {
      await store.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    },

    async removeExpired(): Promise<void> {
      await store.db.deleteFrom('sessions').where('expires_at', '<=', now().toISOString()).execute();
    },
  };
}
