import { randomBytes } from 'node:crypto';

export interface MediaTicketOptions {
  now?: () => number;
  /** A ticket unused this long is gone; each use pushes it on (a paused video may resume within it). */
  idleMs?: number;
  /** No ticket outlives this, however much it is used. */
  maxAgeMs?: number;
  /** Oldest tickets are dropped beyond this many. */
  maxTickets?: number;
}

interface Entry {
  sha256: string;
  /** Kept in the core's memory only, to re-check the session (ended, expired, roles changed) on every use. */
  sessionToken: string;
  sessionId: string;
  idleUntil: number;
  diesAt: number;
}

export type MediaTickets = ReturnType<typeof createMediaTickets>;

/**
 * Short-lived, single-file tickets for `<video src>`, which can send neither a bearer header nor the Electron
 * launch header: `/api/media/<sha256>?ticket=…`. A ticket is random, names one file, is issued only to a signed-in
 * caller and never carries the session token itself.
 */
export function createMediaTickets(options: MediaTicketOptions = {}) {
  const now = options.now ?? Date.now;
  const idleMs = options.idleMs ?? 5 * 60_000;
  const maxAgeMs = options.maxAgeMs ?? 60 * 60_000;
  const maxTickets = options.maxTickets ?? 1000;
  const tickets = new Map<string, Entry>();

  function alive(entry: Entry, at: number): boolean {
    return at < entry.idleUntil && at < entry.diesAt;
  }

  function sweep(at: number): void {
    for (const [ticket, entry] of tickets) if (!alive(entry, at)) tickets.delete(ticket);
    for (const ticket of tickets.keys()) {
      if (tickets.size < maxTickets) break;
      tickets.delete(ticket);
    }
  }

  return {
    issue(sha256: string, session: { token: string; sessionId: string }): { ticket: string; expiresAt: Date } {
      const at = now();
      sweep(at);
      const ticket = randomBytes(32).toString('base64url');
      const entry: Entry = {
        sha256,
        sessionToken: session.token,
        sessionId: session.sessionId,
        idleUntil: at + idleMs,
        diesAt: at + maxAgeMs,
      };
      tickets.set(ticket, entry);
      return { ticket, expiresAt: new Date(Math.min(entry.idleUntil, entry.diesAt)) };
    },

    /** The session token behind a live ticket for exactly this file (and the ticket slides on); else null. */
    redeem(ticket: string, sha256: string): string | null {
      const entry = tickets.get(ticket);
      if (!entry) return null;
      const at = now();
      if (!alive(entry, at)) {
        tickets.delete(ticket);
        return null;
      }
      if (entry.sha256 !== sha256) return null;
      entry.idleUntil = at + idleMs;
      return entry.sessionToken;
    },

    /** Sign-out: the session's tickets stop working at once. */
    endSession(sessionId: string): void {
      for (const [ticket, entry] of tickets) if (entry.sessionId === sessionId) tickets.delete(ticket);
    },

    get size(): number {
      return tickets.size;
    },
  };
}
