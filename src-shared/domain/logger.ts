import { redact } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * JSON lines through `write`; every line passes the one redactor, so no credential reaches a log sink.
 * The workstation core and the central server each give it their stderr.
 */
export function createLineLogger(write: (line: string) => void, level: LogLevel = 'info'): Logger {
  const min = ORDER[level];
  const log = (at: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (ORDER[at] < min) return;
    write(redact(JSON.stringify({ at: new Date().toISOString(), level: at, message, ...fields })));
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
