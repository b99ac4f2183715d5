import { describe, expect, it } from 'vitest';
import { freshTicketUse, renewalSettled, shouldRenewOnError, type TicketUse } from './ticketRenewal';

const NETWORK = 2;
const DECODE = 3;
const REFUSED = 4;
const ABORTED = 1;
const NOW = 1_000_000;

const worked = (over: Partial<TicketUse> = {}): TicketUse => ({
  ...freshTicketUse(NOW + 60_000),
  worked: true,
  ...over,
});

describe('shouldRenewOnError', () => {
  it('renews a ticket that worked when the video later fails on the network or is refused', () => {
    expect(shouldRenewOnError(NETWORK, worked(), NOW)).toBe(true);
    expect(shouldRenewOnError(REFUSED, worked(), NOW)).toBe(true);
    expect(shouldRenewOnError(REFUSED, worked({ expiresAt: null }), NOW)).toBe(true);
  });

  it('does not renew for a broken file or an abort: a new link would not help', () => {
    expect(shouldRenewOnError(DECODE, worked(), NOW)).toBe(false);
    expect(shouldRenewOnError(ABORTED, worked(), NOW)).toBe(false);
    expect(shouldRenewOnError(undefined, worked(), NOW)).toBe(false);
  });

  it('does not renew a fresh ticket that never worked, unless it is past the expiry the core gave', () => {
    const fresh = freshTicketUse(NOW + 300_000);
    expect(shouldRenewOnError(REFUSED, fresh, NOW)).toBe(false);
    expect(shouldRenewOnError(NETWORK, fresh, NOW + 299_999)).toBe(false);
    expect(shouldRenewOnError(NETWORK, fresh, NOW + 300_000)).toBe(true);
    expect(shouldRenewOnError(NETWORK, freshTicketUse(null), NOW + 10_000_000)).toBe(false);
  });

  it('renews once per failure: the fresh ticket failing before playback moved on shows the error', () => {
    const renewed: TicketUse = { ...freshTicketUse(NOW + 300_000), renewedAt: 42 };
    expect(shouldRenewOnError(NETWORK, renewed, NOW)).toBe(false);
    // Even once its metadata loaded, and even past its expiry: still the same failure.
    expect(shouldRenewOnError(NETWORK, { ...renewed, worked: true }, NOW + 400_000)).toBe(false);
  });
});

describe('renewalSettled', () => {
  it('is settled once the playhead moved a second from where the renewal resumed, either way', () => {
    const renewed: TicketUse = { ...worked(), renewedAt: 42 };
    expect(renewalSettled(renewed, 42)).toBe(false);
    expect(renewalSettled(renewed, 42.9)).toBe(false);
    expect(renewalSettled(renewed, 43)).toBe(true);
    expect(renewalSettled(renewed, 10)).toBe(true);
    expect(renewalSettled(worked(), 100)).toBe(false);
  });

  it('lets a later expiry be renewed again once the renewal has settled', () => {
    let use: TicketUse = { ...worked(), renewedAt: 42 };
    expect(shouldRenewOnError(NETWORK, use, NOW)).toBe(false);
    if (renewalSettled(use, 50)) use = { ...use, renewedAt: null };
    expect(shouldRenewOnError(NETWORK, use, NOW)).toBe(true);
  });
});
