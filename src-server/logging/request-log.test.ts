import { describe, expect, it } from 'vitest';
import { createLogger, type LogLevel } from './logger';
import { logRequest, requestLogLevel, SLOW_REQUEST_MS } from './request-log';

const outcome = (status: number, ms: number, url = '/api/alerts') => ({ method: 'GET', url, status, ms });

describe('request logging', () => {
  it('is debug for ordinary requests, warn when slow, error on server errors', () => {
    expect(requestLogLevel(outcome(200, 3))).toBe('debug');
    expect(requestLogLevel(outcome(404, 3))).toBe('debug');
    expect(requestLogLevel(outcome(200, SLOW_REQUEST_MS + 1))).toBe('warn');
    expect(requestLogLevel(outcome(503, 3))).toBe('error');
  });

  it('does not call a long-poll slow', () => {
    expect(requestLogLevel(outcome(200, 25_000, '/api/alerts?since=4&wait=25'))).toBe('debug');
    expect(requestLogLevel(outcome(200, 25_000, '/api/sync/pull?cursor=a&wait=25s'))).toBe('debug');
    expect(requestLogLevel(outcome(200, 25_000, '/api/alerts?wait=0'))).toBe('warn');
    expect(requestLogLevel(outcome(500, 25_000, '/api/alerts?wait=25'))).toBe('error');
  });

  it('writes nothing at the default level for a quick request, and redacts at every level', () => {
    const run = (level: LogLevel) => {
      const lines: string[] = [];
      const logger = createLogger({ level, write: (l) => lines.push(l) });
      logRequest(logger, outcome(200, 4, '/open311/v2/requests.json?api_key=topsecret'));
      logRequest(logger, outcome(200, SLOW_REQUEST_MS * 2, '/open311/v2/requests.json?api_key=topsecret'));
      return lines.map((l) => JSON.parse(l) as { level: string; message: string; url: string });
    };
    expect(run('info').map((l) => [l.level, l.message])).toEqual([['warn', 'http slow']]);
    const debug = run('debug');
    expect(debug.map((l) => l.level)).toEqual(['debug', 'warn']);
    expect(JSON.stringify(debug)).not.toContain('topsecret');
  });
});
