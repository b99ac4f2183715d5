import type { Logger, LogLevel } from './logger';

/** A request slower than this is worth a line at the default level; long-polls wait on purpose and are exempt. */
export const SLOW_REQUEST_MS = 1000;

export interface RequestOutcome {
  method: string;
  url: string;
  status: number;
  ms: number;
}

/** Long-polls (`?wait=25` on /api/alerts, `?wait=25s` on /api/sync/pull) hold the request open by design. */
const isLongPoll = (url: string) => /[?&]wait=0*[1-9]/.test(url);

/**
 * Every request is a line at debug (IOC_LOG_LEVEL=debug); at the default level only what someone should look
 * at: server errors, and requests slower than SLOW_REQUEST_MS that were not asked to wait. Lines still pass the
 * logger's redactor, so an API key in a query string never reaches the log.
 */
export function requestLogLevel(outcome: RequestOutcome): LogLevel {
  if (outcome.status >= 500) return 'error';
  if (outcome.ms >= SLOW_REQUEST_MS && !isLongPoll(outcome.url)) return 'warn';
  return 'debug';
}

export function logRequest(logger: Logger, outcome: RequestOutcome): void {
  const level = requestLogLevel(outcome);
  logger[level](level === 'warn' ? 'http slow' : 'http', {
    method: outcome.method,
    url: outcome.url.slice(0, 300),
    status: outcome.status,
    ms: Math.round(outcome.ms),
  });
}
