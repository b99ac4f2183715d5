/** Failed logins allowed per username in a window before the inbox stops checking passwords for it. */
const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60 * 1000;
/** Bounds memory under a flood of made-up usernames: the oldest entries go first. */
const MAX_TRACKED = 10_000;

/**
 * Slows password guessing on the agency login: after five failures a username is locked for fifteen minutes
 * (counted from the first failure). In memory: no timer, entries expire when looked at.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(private readonly now: () => Date) {}

  isLocked(username: string): boolean {
    const entry = this.current(username);
    return entry !== null && entry.count >= MAX_FAILURES;
  }

  fail(username: string): void {
    const key = username.trim().toLowerCase();
    const entry = this.current(key) ?? { count: 0, since: this.now().getTime() };
    entry.count += 1;
    this.failures.delete(key);
    this.failures.set(key, entry);
    if (this.failures.size > MAX_TRACKED) this.failures.delete(this.failures.keys().next().value!);
  }

  succeed(username: string): void {
    this.failures.delete(username.trim().toLowerCase());
  }

  private current(username: string): { count: number; since: number } | null {
    const key = username.trim().toLowerCase();
    const entry = this.failures.get(key);
    if (!entry) return null;
    if (this.now().getTime() - entry.since > WINDOW_MS) {
      this.failures.delete(key);
      return null;
    }
    return entry;
  }
}
