export interface BatcherOptions<T> {
  /** Most items one write takes. */
  maxBatch: number;
  /** How long the first queued item waits for company before the write starts. */
  delayMs: number;
  write(items: T[]): Promise<void>;
  /** A write failed; its items are retried (`willRetry`) or, after the last attempt, dropped. */
  onError(error: unknown, items: readonly T[], willRetry: boolean): void;
  /** Attempts per batch before its items are dropped (the database is gone for good). */
  attempts?: number;
  retryDelayMs?: number;
}

export interface Batcher<T> {
  push(item: T): void;
  /** Resolves when everything pushed so far is written (or dropped). */
  drain(): Promise<void>;
  pending(): number;
  /** Writes what is queued, then stops; later pushes are refused. */
  dispose(): Promise<void>;
}

/**
 * Serial, batched writes: at 5,000 messages a second one transaction per message would spend everything on
 * commits (SQLite with synchronous=FULL fsyncs each). Items keep their order; one write runs at a time.
 */
export function createBatcher<T>(options: BatcherOptions<T>): Batcher<T> {
  const queue: T[] = [];
  const attempts = options.attempts ?? 5;
  const retryDelayMs = options.retryDelayMs ?? 1000;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let closed = false;
  const idle: (() => void)[] = [];

  function schedule(delay: number): void {
    if (timer || running || queue.length === 0) return;
    timer = setTimeout(() => {
      timer = null;
      running = run().finally(() => {
        running = null;
        if (queue.length > 0) schedule(0);
        else for (const done of idle.splice(0)) done();
      });
    }, delay);
  }

  async function run(): Promise<void> {
    while (queue.length > 0) {
      const items = queue.splice(0, options.maxBatch);
      for (let attempt = 1; ; attempt++) {
        try {
          await options.write(items);
          break;
        } catch (error) {
          const retry = attempt < attempts && !closed;
          options.onError(error, items, retry);
          if (!retry) break;
          await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
        }
      }
    }
  }

  return {
    push(item) {
      if (closed) throw new Error('The writer is closed.');
      queue.push(item);
      schedule(queue.length >= options.maxBatch ? 0 : options.delayMs);
    },
    drain() {
      if (queue.length === 0 && !running && !timer) return Promise.resolve();
      return new Promise((resolve) => {
        idle.push(resolve);
        if (timer) {
          clearTimeout(timer);
          timer = null;
          schedule(0);
        }
      });
    },
    pending: () => queue.length,
    async dispose() {
      await this.drain();
      closed = true;
    },
  };
}
