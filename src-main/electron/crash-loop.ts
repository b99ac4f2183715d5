export interface CrashLoopBreaker {
  /** Records a crash; true when recovering (e.g. reloading) is still allowed, false once the loop is tripped. */
  recordCrash(): boolean;
}

export interface CrashLoopOptions {
  readonly maxRecoveries: number;
  readonly windowMs: number;
  readonly now?: () => number;
}

/** At most `maxRecoveries` recoveries within any `windowMs`; past that, stop and leave it to a human. */
export function createCrashLoopBreaker(options: CrashLoopOptions): CrashLoopBreaker {
  const now = options.now ?? Date.now;
  const recent: number[] = [];
  return {
    recordCrash() {
      const at = now();
      while (recent.length > 0 && at - (recent[0] ?? at) >= options.windowMs) recent.shift();
      if (recent.length >= options.maxRecoveries) return false;
      recent.push(at);
      return true;
    },
  };
}

/** Renderer exits worth a reload. 'clean-exit' and 'killed' are deliberate; 'integrity-failure' will not heal. */
export function shouldReloadAfterRenderCrash(reason: string): boolean {
  return reason === 'crashed' || reason === 'oom' || reason === 'memory-eviction' || reason === 'abnormal-exit';
}
