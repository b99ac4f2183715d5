export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, string | number | boolean | null>>;
export type Log = (level: LogLevel, message: string, fields?: LogFields) => void;

/**
 * One JSON line per event on stderr, where an external supervisor (systemd, a Windows service) collects it.
 * Fields are primitives only, so nothing structured (requests, secrets) can be dumped by accident.
 */
export function createLineLog(
  scope: string,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Log {
  return (level, message, fields) => {
    write(JSON.stringify({ time: new Date().toISOString(), level, scope, message, ...fields }));
  };
}
