import { describe, expect, it } from 'vitest';
import { DatabaseTargetError, parseDatabaseTarget, redactUrl } from './database-target';

describe('parseDatabaseTarget', () => {
  it('recognises PostgreSQL URLs and SQLite paths', () => {
    expect(parseDatabaseTarget('postgres://ioc@127.0.0.1:5432/ioc')).toEqual({
      kind: 'postgres',
      url: 'postgres://ioc@127.0.0.1:5432/ioc',
    });
    expect(parseDatabaseTarget('postgresql:///ioc?host=/run/postgresql')).toMatchObject({ kind: 'postgres' });
    expect(parseDatabaseTarget('./data/central.sqlite')).toEqual({ kind: 'sqlite', path: './data/central.sqlite' });
    expect(parseDatabaseTarget('sqlite:/var/lib/ioc/c.db')).toEqual({ kind: 'sqlite', path: '/var/lib/ioc/c.db' });
  });
  it('explains what is wrong without echoing a password', () => {
    expect(() => parseDatabaseTarget('')).toThrow(DatabaseTargetError);
    expect(() => parseDatabaseTarget('mysql://root:topsecret@db/ioc')).toThrow(/only postgres/);
    expect(() => parseDatabaseTarget('mysql://root:topsecret@db/ioc')).not.toThrow(/topsecret/);
    expect(() => parseDatabaseTarget('postgres:///ioc')).toThrow(/needs a host/);
  });
  it('redacts passwords in URLs', () => {
    expect(redactUrl('postgres://ioc:pa@ss@127.0.0.1/ioc')).toBe('postgres://ioc:***@127.0.0.1/ioc');
  });
});
