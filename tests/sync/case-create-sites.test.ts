// The workstation's own create-case path refuses a site it does not know, up front and with a clear error, before
// anything is queued; a known site is queued as given.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommandError } from '../../src-shared/contract';
import { openWorkstation, OPERATOR, type TestWorkstation } from './harness';

describe('a new case’s site on the workstation', () => {
  let ws: TestWorkstation;
  beforeEach(() => {
    ws = openWorkstation(null);
    ws.store.sqlite
      .prepare("INSERT INTO sites (id, name, name_folded) VALUES ('cao-lanh', 'Cao Lãnh', 'cao lanh')")
      .run();
  });
  afterEach(() => ws.close());

  const input = { serviceCode: 'traffic', description: 'Ùn tắc ở nút giao Nguyễn Huệ' };
  const queued = () => ws.store.sqlite.prepare("SELECT count(*) FROM outbox WHERE name = 'case.create'").pluck().get();

  it('refuses an unknown site with invalid_input naming it, and queues nothing', () => {
    let error: unknown = null;
    try {
      ws.cases.create({ ...input, siteId: 'khong-co' }, { ...OPERATOR, sites: ['*'] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CommandError);
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('"khong-co"') });
    expect(queued()).toBe(0);
    expect(ws.store.sqlite.prepare('SELECT count(*) FROM provisional_cases').pluck().get()).toBe(0);
  });

  it('queues a known site, and a case without one', () => {
    const withSite = ws.cases.create({ ...input, siteId: 'cao-lanh' }, { ...OPERATOR, sites: ['cao-lanh'] });
    ws.cases.create(input, OPERATOR);
    expect(queued()).toBe(2);
    const args = ws.store.sqlite
      .prepare("SELECT args FROM outbox WHERE name = 'case.create' AND case_id = ?")
      .pluck()
      .get(withSite.caseId) as string;
    expect(JSON.parse(args)).toMatchObject({ siteId: 'cao-lanh' });
  });

  it('still refuses a known site the caller may not work in', () => {
    expect(() => ws.cases.create({ ...input, siteId: 'cao-lanh' }, { ...OPERATOR, sites: ['sa-dec'] })).toThrow(
      /may not open cases for site "cao-lanh"/,
    );
    expect(queued()).toBe(0);
  });
});
