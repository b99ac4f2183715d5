export interface ChangeWatch {
  /** Resolves when the server's cursor passes `afterSeq`, after `timeoutMs`, when `signal` aborts or on dispose. */
  wait(afterSeq: number, timeoutMs: number, signal?: AbortSignal): Promise<void>;
  /** Something committed here: look now instead of at the next tick. */
  poke(): void;
  dispose(): void;
}

interface Waiter {
  afterSeq: number;
  done: () => void;
}

/**
 * Long-poll support. Writes reach the database from every path (Open311 intake, agency inbox, sync pushes, other
 * server instances on PostgreSQL), so the watch reads the one cursor row — a single query per tick for all
 * waiting workstations, and only while someone waits.
 */
export function createChangeWatch(readLastSeq: () => Promise<number>, intervalMs = 200): ChangeWatch {
  const waiters = new Set<Waiter>();
  let timer: NodeJS.Timeout | null = null;
  let checking = false;
  let disposed = false;

  async function check(): Promise<void> {
    if (checking || waiters.size === 0) return;
    checking = true;
    try {
      const last = await readLastSeq();
      for (const w of [...waiters]) if (last > w.afterSeq) w.done();
    } catch {
      // The database is unreachable for a moment: waiters time out and the clients pull again.
    } finally {
      checking = false;
    }
  }

  function schedule(): void {
    if (timer || disposed || waiters.size === 0) return;
    timer = setInterval(() => void check(), intervalMs);
  }

  return {
    wait(afterSeq, timeoutMs, signal) {
      if (disposed || signal?.aborted) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const waiter: Waiter = {
          afterSeq,
          done: () => {
            clearTimeout(timeout);
            signal?.removeEventListener('abort', waiter.done);
            waiters.delete(waiter);
            if (waiters.size === 0 && timer) {
              clearInterval(timer);
              timer = null;
            }
            resolve();
          },
        };
        const timeout = setTimeout(waiter.done, timeoutMs);
        signal?.addEventListener('abort', waiter.done, { once: true });
        waiters.add(waiter);
        schedule();
      });
    },
    poke: () => void check(),
    dispose() {
      disposed = true;
      for (const w of [...waiters]) w.done();
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
