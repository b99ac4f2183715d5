import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';
import { createMediaTickets } from './media-tickets';

const SHA = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);
const SESSION = { token: 'session-token-0123456789', sessionId: 'hash-1' };

describe('media tickets', () => {
  it('names one file, never carries the session token, and slides on while used', () => {
    let at = 1_000;
    const tickets = createMediaTickets({ now: () => at, idleMs: 100, maxAgeMs: 1_000 });
    const { ticket, expiresAt } = tickets.issue(SHA, SESSION);
    expect(ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ticket).not.toContain(SESSION.token);
    expect(expiresAt.getTime()).toBe(1_100);
    expect(tickets.redeem(ticket, OTHER)).toBeNull();
    expect(tickets.redeem('nope', SHA)).toBeNull();
    for (let i = 0; i < 5; i++) {
      at += 90;
      expect(tickets.redeem(ticket, SHA)).toBe(SESSION.token);
    }
  });

  it('refuses a ticket left idle, one past its maximum age, and those of a session that signed out', () => {
    let at = 0;
    const tickets = createMediaTickets({ now: () => at, idleMs: 100, maxAgeMs: 250 });
    const idle = tickets.issue(SHA, SESSION).ticket;
    at = 100;
    expect(tickets.redeem(idle, SHA)).toBeNull();

    const old = tickets.issue(SHA, SESSION).ticket;
    for (at = 180; at < 350; at += 80) tickets.redeem(old, SHA);
    expect(at).toBeGreaterThanOrEqual(350);
    expect(tickets.redeem(old, SHA)).toBeNull();

    const mine = tickets.issue(SHA, SESSION).ticket;
    const theirs = tickets.issue(SHA, { token: 'another-session-token', sessionId: 'hash-2' }).ticket;
    tickets.endSession('hash-1');
    expect(tickets.redeem(mine, SHA)).toBeNull();
    expect(tickets.redeem(theirs, SHA)).toBe('another-session-token');
  });

  it('keeps at most maxTickets, dropping the oldest', () => {
    const tickets = createMediaTickets({ maxTickets: 3 });
    const issued = Array.from({ length: 5 }, () => tickets.issue(SHA, SESSION).ticket);
    expect(tickets.size).toBe(3);
    expect(tickets.redeem(issued[0]!, SHA)).toBeNull();
    expect(tickets.redeem(issued[4]!, SHA)).toBe(SESSION.token);
  });
});

describe('media ticket lifetimes from the environment (tests only)', () => {
  it('keeps the defaults when unset, takes whole milliseconds, refuses anything else', () => {
    expect(parseConfig([], {}, '/app').mediaTicketLifetimes).toEqual({ idleMs: undefined, maxAgeMs: undefined });
    const env = { IOC_MEDIA_TICKET_IDLE_MS: '1500', IOC_MEDIA_TICKET_MAX_AGE_MS: '60000' };
    expect(parseConfig([], env, '/app').mediaTicketLifetimes).toEqual({ idleMs: 1500, maxAgeMs: 60_000 });
    for (const bad of ['0', '-5', '1.5', 'soon'])
      expect(() => parseConfig([], { IOC_MEDIA_TICKET_IDLE_MS: bad }, '/app')).toThrow(ConfigError);
  });
});
