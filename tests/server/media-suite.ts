// What the central server's media tests share: one media server per describe block, and uploads made with the
// Open311 API key.
import { afterAll, beforeAll, expect } from 'vitest';
import { type MediaTestServer, startMediaServer } from './attachments-harness';
import { sha256 } from './attachments-media';
import { type DialectUnderTest, useDatabase } from './databases';
import { TEST_API_KEY } from './server-harness';

/**
 * Call inside a describe: a media server on a fresh database of `dialect`, started before the block's tests and
 * stopped after them. The object returned is filled in when it starts; read its fields in tests and hooks only.
 */
export function useMediaServer(dialect: DialectUnderTest): MediaTestServer {
  const db = useDatabase(dialect);
  const t = {} as MediaTestServer;
  beforeAll(async () => {
    Object.assign(t, await startMediaServer(db()));
  }, 30_000);
  afterAll(() => t.stop());
  return t;
}

/** The form fields of a citizen's report of a street lamp, photo attached, sent with the Open311 API key. */
export const PHOTO_REPORT: Record<string, string> = {
  api_key: TEST_API_KEY,
  service_code: 'lighting',
  lat: '10.46',
  long: '105.63',
  description: 'Đèn đường không sáng, ảnh đính kèm',
  'attribute[tinh_trang]': 'khong_sang',
};

/** How many cases the server holds. */
export async function caseCount(t: MediaTestServer): Promise<number> {
  const row = await t.server.database.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A resumable upload of `bytes` under the Open311 API key, sent whole in one PATCH; resolves to its id. */
export async function completedUpload(t: MediaTestServer, bytes: Buffer): Promise<string> {
  const keyed = { 'x-api-key': TEST_API_KEY };
  const created = await fetch(`${t.url}/api/uploads`, {
    method: 'POST',
    headers: { ...keyed, 'content-type': 'application/json' },
    body: JSON.stringify({ size: bytes.length, sha256: sha256(bytes) }),
  });
  expect(created.status).toBe(201);
  const { id } = ((await created.json()) as { value: { id: string } }).value;
  const done = await fetch(`${t.url}/api/uploads/${id}`, {
    method: 'PATCH',
    headers: { ...keyed, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
    body: new Uint8Array(bytes),
  });
  expect(done.status).toBe(200);
  return id;
}
