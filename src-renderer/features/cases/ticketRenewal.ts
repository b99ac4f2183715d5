/** What the lightbox knows of the ticket its video plays from, to tell an expired link from a broken video. */
export interface TicketUse {
  /** The video loaded its metadata through this ticket: the link worked, so a later refusal may be its expiry. */
  worked: boolean;
  /** When the core said the ticket lapses unless used (ms since the epoch); null if it did not say. */
  expiresAt: number | null;
  /** Playhead (s) a silent renewal resumed from, until playback has moved on from it; null when none is pending. */
  renewedAt: number | null;
}

/** How far (s) playback must move after a renewal before a new failure counts as a new one. */
export const RENEWAL_SETTLED_S = 1;

export function freshTicketUse(expiresAt: number | null): TicketUse {
  return { worked: false, expiresAt, renewedAt: null };
}

/**
 * Whether a `<video>` error (MediaError code) should be met by fetching a new ticket silently, once: only a
 * network error or a refusal (what an expired ticket's 401 looks like), only for a ticket that worked before or is
 * past its known expiry, and never again for the fresh ticket of a renewal that has not played on yet — so a
 * fresh ticket that fails too shows the error instead of looping.
 */
export function shouldRenewOnError(code: number | undefined, use: TicketUse, now: number): boolean {
  if (code !== 2 && code !== 4) return false;
  if (use.renewedAt !== null) return false;
  return use.worked || (use.expiresAt !== null && now >= use.expiresAt);
}

/** After a renewal, the playhead at `currentTime`: has the fresh ticket proved itself (a later failure is new)? */
export function renewalSettled(use: TicketUse, currentTime: number): boolean {
  return use.renewedAt !== null && Math.abs(currentTime - use.renewedAt) >= RENEWAL_SETTLED_S;
}
