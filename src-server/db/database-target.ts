/**
 * The central server runs on PostgreSQL in production and on a SQLite file as the embedded default
 * (`npm run server -- --db <sqlite-file | postgres://…>`). One parser decides which, so both paths share it.
 */
export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'sqlite'; path: string };

export class DatabaseTargetError extends Error {}

export function parseDatabaseTarget(value: string): DatabaseTarget {
  const text = value.trim();
  if (text === '') throw new DatabaseTargetError('--db needs a SQLite file path or a postgres:// URL.');
  if (/^postgres(ql)?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new DatabaseTargetError(`--db "${redactUrl(text)}" is not a valid PostgreSQL URL.`);
    }
    if (!url.hostname && !url.searchParams.get('host')) {
      throw new DatabaseTargetError('The PostgreSQL URL needs a host (or ?host=/run/postgresql for a socket).');
    }
    return { kind: 'postgres', url: text };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    throw new DatabaseTargetError(
      `--db "${redactUrl(text)}": only postgres:// URLs or SQLite file paths are supported.`,
    );
  }
  return { kind: 'sqlite', path: text.startsWith('sqlite:') ? text.slice('sqlite:'.length) : text };
}

/** For messages: a database URL's password never reaches a log or an error. */
export function redactUrl(text: string): string {
  return text.replace(/(\/\/[^:/@]+:)[^/]*@/, '$1***@');
}
