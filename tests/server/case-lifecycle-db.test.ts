import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CaseAction } from '../../src-shared/domain/cases/actions';
import type { CaseActor } from '../../src-shared/domain/cases/states';
import { transitionCase } from '../../src-server/cases/transition-case';
import { fileLampReport, serverResources } from './citizen-reports';
import { describeOnEachDatabase, useDatabase } from './databases';
import { rowCounts } from './row-counts';
import { get, startTestServer, type TestServer } from './server-harness';

const { calendar } = serverResources;
const AGENCY = 'moi-truong-do-thi';
// Thursday 5 March 2026, 10:00 in Vietnam: lighting has 5 working days → due Thursday 12 March.
const T0 = new Date('2026-03-05T03:00:00Z');

describeOnEachDatabase('the case lifecycle, saved', (dialect) => {
  const db = useDatabase(dialect);
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(db());
  });
  afterAll(() => t.stop());

  const kdb = () => t.server.database.db;
  const newCase = (at = T0) => fileLampReport(kdb(), at);
  const act = (caseId: string, action: CaseAction, actor: CaseActor, at = T0, agencyId: string | null = AGENCY) =>
    transitionCase(kdb(), calendar, { caseId, action, acting: { actor, agencyId }, actorId: `${actor}-user`, now: at });
  const row = (id: string) => kdb().selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('stores a new report as received with its working-day due date and the reporter apart', async () => {
    const { id } = await newCase();
    const r = await row(id);
    expect(r).toMatchObject({ state: 'received', status: 'open', due_at: '2026-03-12T16:59:59.999Z', version: 1 });
    expect(JSON.stringify(r)).not.toMatch(/lan@example\.vn|0912345678|dev-1/);
    const reporter = await kdb()
      .selectFrom('reporters')
      .selectAll()
      .where('case_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(reporter).toMatchObject({
      first_name: 'Lan',
      email: 'lan@example.vn',
      phone: '0912345678',
      device_id: 'dev-1',
    });
  });

  it('walks a case through the lifecycle, with one event and one cursor per step', async () => {
    const { id, code } = await newCase();
    const day = (n: number) => new Date(T0.getTime() + n * 86_400_000);
    const steps: [CaseAction, CaseActor, Date][] = [
      [{ type: 'triage' }, 'operator', day(0)],
      [{ type: 'forward', agencyId: AGENCY, publicNote: 'Đã chuyển đơn vị chiếu sáng' }, 'operator', day(0)],
      [{ type: 'accept' }, 'agency', day(1)],
      [{ type: 'start' }, 'agency', day(1)],
      [{ type: 'request_extension', days: 3, reason: 'Chờ thay cáp ngầm' }, 'agency', day(4)],
      [{ type: 'grant_extension' }, 'director', day(5)],
      [{ type: 'resolve', result: 'Đã thay cáp và bóng đèn' }, 'agency', day(8)],
      [{ type: 'close' }, 'citizen', day(9)],
    ];
    let lastSeq = (await row(id)).change_seq;
    for (const [action, actor, at] of steps) {
      const result = await act(id, action, actor, at);
      expect(result.ok, JSON.stringify(result)).toBe(true);
      const r = await row(id);
      expect(r.change_seq).toBeGreaterThan(lastSeq);
      lastSeq = r.change_seq;
    }
    const r = await row(id);
    expect(r).toMatchObject({
      state: 'closed',
      status: 'closed',
      agency_id: AGENCY,
      extension_count: 1,
      public_result: 'Đã thay cáp và bóng đèn',
      // 12 March + 3 working days (Fri 13, Mon 16, Tue 17).
      due_at: '2026-03-17T16:59:59.999Z',
      version: 9,
    });
    const events = await kdb().selectFrom('case_events').selectAll().where('case_id', '=', id).orderBy('id').execute();
    expect(events.map((e) => `${e.from_state ?? '∅'}>${e.to_state}`)).toEqual([
      '∅>received',
      'received>triaged',
      'triaged>forwarded',
      'forwarded>accepted',
      'accepted>in_progress',
      'in_progress>extension_requested',
      'extension_requested>in_progress',
      'in_progress>resolved',
      'resolved>closed',
    ]);
    expect(events[5]).toMatchObject({
      actor: 'agency',
      actor_id: 'agency-user',
      internal_note: 'Chờ thay cáp ngầm',
      public_note: null,
    });
    expect(JSON.parse(events[6]!.data)).toMatchObject({ days: 3, dueAt: '2026-03-17T16:59:59.999Z' });
    const changes = await kdb()
      .selectFrom('sync_changes')
      .select('seq')
      .where('entity_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(changes).toHaveLength(9);

    const open311 = ((await get(`${t.url}/open311/v2/requests/${code}.json`)).json as Record<string, unknown>[])[0];
    expect(open311).toMatchObject({
      status: 'closed',
      agency_responsible: 'Đơn vị dịch vụ môi trường và hạ tầng đô thị',
    });
    expect(open311!.expected_datetime).toBe('2026-03-17T23:59:59+07:00');
  });

  it('refuses illegal, forbidden and invalid steps and writes nothing for them', async () => {
    const { id } = await newCase();
    const before = await rowCounts(kdb());
    expect(await act(id, { type: 'resolve', result: 'x' }, 'agency')).toMatchObject({
      ok: false,
      error: { code: 'illegal_transition' },
    });
    expect(await act(id, { type: 'triage' }, 'citizen')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await act(id, { type: 'triage' }, 'operator');
    const mid = await rowCounts(kdb());
    expect(await act(id, { type: 'forward', agencyId: 'no-such-agency' }, 'operator')).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
    await act(id, { type: 'forward', agencyId: AGENCY }, 'operator');
    expect(await act(id, { type: 'accept' }, 'agency', T0, 'cong-an-tinh')).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await act('no-such-case', { type: 'triage' }, 'operator')).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const after = await rowCounts(kdb());
    expect(mid.case_events - before.case_events).toBe(1);
    expect(after.case_events - mid.case_events).toBe(1);
    expect(after.last_seq - before.last_seq).toBe(2);
  });

  it('links a duplicate to its original both ways and refuses chains and unknown originals', async () => {
    const original = await newCase();
    const copy = await newCase();
    const third = await newCase();
    const originalBefore = await row(original.id);
    expect(await act(copy.id, { type: 'mark_duplicate', duplicateOf: original.id }, 'operator')).toMatchObject({
      ok: true,
    });
    const links = await kdb()
      .selectFrom('case_links')
      .selectAll()
      .where('case_id', 'in', [original.id, copy.id])
      .orderBy('kind')
      .execute();
    expect(links.map((l) => [l.case_id, l.kind, l.related_id])).toEqual([
      [copy.id, 'duplicate_of', original.id],
      [original.id, 'has_duplicate', copy.id],
    ]);
    const originalAfter = await row(original.id);
    expect(originalAfter.change_seq).toBeGreaterThan(originalBefore.change_seq);
    expect(originalAfter.state).toBe('received');
    expect((await row(copy.id)).duplicate_of).toBe(original.id);
    expect(await act(third.id, { type: 'mark_duplicate', duplicateOf: copy.id }, 'operator')).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
    expect(await act(third.id, { type: 'mark_duplicate', duplicateOf: 'nope' }, 'operator')).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
    expect((await row(third.id)).state).toBe('received');
  });

  it('lets exactly one of two simultaneous steps on a case win', async () => {
    const { id } = await newCase();
    const before = await rowCounts(kdb());
    const results = await Promise.all([
      act(id, { type: 'triage' }, 'operator'),
      act(id, { type: 'triage' }, 'operator'),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok);
    expect(['conflict', 'illegal_transition']).toContain(loser && !loser.ok && loser.error.code);
    const after = await rowCounts(kdb());
    expect(after.case_events - before.case_events).toBe(1);
    expect((await row(id)).version).toBe(2);
  });

  it('hands out gap-free, unique cursors to concurrent writers', async () => {
    const before = await rowCounts(kdb());
    await Promise.all(Array.from({ length: 20 }, () => newCase()));
    const after = await rowCounts(kdb());
    expect(after.last_seq - before.last_seq).toBe(20);
    const seqs = await kdb()
      .selectFrom('sync_changes')
      .select('seq')
      .where('seq', '>', before.last_seq)
      .orderBy('seq')
      .execute();
    expect(seqs.map((s) => Number(s.seq))).toEqual(Array.from({ length: 20 }, (_, i) => before.last_seq + 1 + i));
  });
});
