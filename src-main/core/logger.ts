import { createLineLogger, type Logger, type LogLevel } from '../../src-shared/domain/logger';

export { silentLogger, type Logger, type LogLevel } from '../../src-shared/domain/logger';

/** JSON lines on stderr (or `write`), redacted. */
export function createLogger(options: { level?: LogLevel; write?: (line: string) => void } = {}): Logger {
  return createLineLogger(options.write ?? ((line: string) => process.stderr.write(line + '\n')), options.level);
}
