// A case opened at a real workstation core process, whose push reaches the central server (a real process) but
// whose reply never comes back: the core is killed with SIGKILL, restarted, and sends the command again. The server
// answers "seen before": one case, and the workstation's provisional row gives way to the server's.
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-server/db/open-database';
import { makeTempDir } from '../integration/tmp-dir';
import { useDatabase } from '../server/databases';
import { eventually } from './harness';
import { killAll, killHard, rpcClient, startCoreProcess, startServerProcess, stopGracefully } from './processes';
import { startTamperProxy } from './tamper-proxy';

afterEach(() => killAll());

interface Status {
  pending: number;
  state: string;
}
interface CaseList {
  items: { id: string; code: string; pending: number }[];
}

describe('a new case through a kill -9 of the core mid-push', () => {
  const db = useDatabase('sqlite');

  it('is created once and replaces the provisional row', { timeout: 240_000 }, async () => {
    const server = await startServerProcess(db().arg);
    const proxy = await startTamperProxy(server.url);
    const temp = makeTempDir('ioc-fault-create-');
    try {
      let core = await startCoreProcess(temp.dir, proxy.url);
      let call = await rpcClient(core.url);
      await eventually(async () => (await call<Status>('sync.status')).state === 'live', 60_000, 'sync live');
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      proxy.hooks.onResponse = (ex) => {
        if (ex.path.startsWith('/api/sync/push') && ex.status === 200) {
          proxy.hooks.onResponse = undefined;
          release();
          return { kind: 'hold' };
        }
        return { kind: 'pass' };
      };
      const made = await call<{ caseId: string; pending: boolean; snapshot: string }>('case.create', {
        serviceCode: 'lighting',
        description: 'Đèn đường tắt cả dãy trên đường Nguyễn Huệ',
        lat: 10.4603,
        long: 105.6329,
      });
      expect(made).toMatchObject({ pending: true, snapshot: 'none' });
      const listed = await call<CaseList>('cases.list', { query: 'nguyen hue' });
      expect(listed.items).toEqual([expect.objectContaining({ id: made.caseId, code: '', pending: 1 })]);
      await held;
      // The server has created the case; the workstation dies before it hears so.
      await killHard(core);

      core = await startCoreProcess(temp.dir, proxy.url);
      call = await rpcClient(core.url);
      const mirrored = await eventually(
        async () => {
          const items = (await call<CaseList>('cases.list', { query: 'nguyen hue' })).items;
          return items.length === 1 && items[0]!.code !== '' && items[0]!.pending === 0 ? items[0] : null;
        },
        60_000,
        'the server’s row mirrored',
      );
      expect(mirrored.id).toBe(made.caseId);
      await stopGracefully(core);
      await stopGracefully(server);

      const target = await openDatabase(db().target);
      try {
        const cases = await target.db.selectFrom('cases').select(['id', 'code']).execute();
        expect(cases).toEqual([{ id: made.caseId, code: mirrored.code }]);
        const applied = await target.db.selectFrom('sync_applied').select(['name', 'outcome']).execute();
        expect(applied).toEqual([{ name: 'case.create', outcome: 'applied' }]);
      } finally {
        await target.dispose();
      }
      const local = new BetterSqlite3(join(temp.dir, 'ioc.sqlite'), { readonly: true });
      try {
        expect(local.prepare('SELECT count(*) FROM case_mirror').pluck().get()).toBe(1);
        expect(local.prepare('SELECT count(*) FROM provisional_cases').pluck().get()).toBe(0);
        expect(local.prepare("SELECT state FROM outbox WHERE name = 'case.create'").pluck().all()).toEqual(['applied']);
      } finally {
        local.close();
      }
    } finally {
      await proxy.close();
      temp.remove();
    }
  });
});
