import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../../src-server/db/schema';

const STREETS = ['Nguyễn Huệ', 'Lý Thường Kiệt', 'Trần Hưng Đạo', 'Hùng Vương', 'Phạm Hữu Lầu', 'Lê Lợi'];
const WARDS = ['Phường Mỹ Phú', 'Phường 1', 'Phường Hòa Thuận', 'Phường An Thạnh', 'Phường Tân Quy Đông'];
const ISSUES = [
  [
    'lighting',
    'Chiếu sáng công cộng',
    'Đèn đường không sáng từ tối hôm qua, khu vực rất tối và nguy hiểm cho người đi đường',
  ],
  ['waste', 'Thu gom rác thải', 'Rác thải sinh hoạt tồn đọng nhiều ngày, bốc mùi hôi, đề nghị thu gom sớm'],
  ['drainage', 'Thoát nước, ngập úng', 'Cống thoát nước bị nghẹt, mưa lớn gây ngập sâu trên tuyến đường'],
  ['traffic', 'Giao thông', 'Đèn tín hiệu giao thông tại ngã tư bị hỏng, xe cộ đi lại lộn xộn'],
] as const;

/**
 * `n` citizen reports written straight into a server database, in batches, with their first timeline event, the
 * reporter and one sync cursor each — what the Open311 intake would leave behind, minus its per-report commit.
 * For benchmarks and volume tests only.
 */
export async function seedCases(db: Kysely<ServerDatabase>, n: number, batch = 500): Promise<void> {
  const base = Date.parse('2026-01-05T02:00:00Z');
  const state = await db.selectFrom('sync_state').select('last_seq').executeTakeFirstOrThrow();
  let seq = Number(state.last_seq);
  for (let start = 0; start < n; start += batch) {
    const count = Math.min(batch, n - start);
    await db.transaction().execute(async (trx) => {
      const cases = [];
      const events = [];
      const reporters = [];
      const changes = [];
      for (let i = 0; i < count; i++) {
        const k = start + i;
        seq++;
        const id = `seed-${String(k).padStart(8, '0')}`;
        const [service, name, text] = ISSUES[k % ISSUES.length]!;
        const at = new Date(base + k * 60_000).toISOString();
        cases.push({
          id,
          code: `DT-S${k.toString(36).toUpperCase().padStart(5, '0')}`,
          kind: 'citizen_report',
          channel: 'open311',
          service_code: service,
          service_name: name,
          description: `${text} (số ${k})`,
          lat: 10.45 + (k % 100) / 1000,
          long: 105.63 + (k % 97) / 1000,
          address_string: `${(k % 300) + 1} ${STREETS[k % STREETS.length]}, ${WARDS[k % WARDS.length]}`,
          address_id: null,
          zipcode: null,
          media_url: null,
          attributes: '{}',
          state: 'received',
          status: 'open',
          status_notes: null,
          agency_id: null,
          duplicate_of: null,
          sla_working_days: 5,
          pending_extension_days: null,
          extension_count: 0,
          reopen_count: 0,
          public_result: null,
          rejection_reason: null,
          received_at: at,
          due_at: new Date(base + k * 60_000 + 7 * 86_400_000).toISOString(),
          updated_at: at,
          resolved_at: null,
          closed_at: null,
          api_key_id: null,
          version: 1,
          change_seq: seq,
        });
        events.push({
          case_id: id,
          at,
          actor: 'citizen',
          actor_id: null,
          action: 'receive',
          from_state: null,
          to_state: 'received',
          public_note: null,
          internal_note: null,
          data: '{"channel":"open311"}',
          change_seq: seq,
        });
        reporters.push({
          case_id: id,
          first_name: 'Lan',
          last_name: 'Nguyễn',
          email: `nguoidan${k}@example.vn`,
          phone: `09${String(k).padStart(8, '0')}`,
          device_id: null,
          account_id: null,
          created_at: at,
        });
        changes.push({ seq, entity: 'case', entity_id: id, at });
      }
      await trx.insertInto('cases').values(cases).execute();
      await trx.insertInto('case_events').values(events).execute();
      await trx.insertInto('reporters').values(reporters).execute();
      await trx.insertInto('sync_changes').values(changes).execute();
      await trx.updateTable('sync_state').set({ last_seq: seq }).where('id', '=', 1).execute();
    });
  }
}
