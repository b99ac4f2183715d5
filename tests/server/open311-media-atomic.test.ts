// An Open311 report with a photo is stored whole or not at all: the photo's link is in the case's transaction, so a
// link that fails leaves no case without its photo, and the client gets a spec-shaped error and can send it again.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { AttachmentTables } from '../../src-server/attachments/tables';
import { plainJpeg, sha256 } from './attachments-media';
import { multipartBody } from './attachments-harness';
import { describeOnEachDatabase, type DialectUnderTest } from './databases';
import { completedUpload, PHOTO_REPORT, useMediaServer } from './media-suite';
import { rowCounts } from './row-counts';

const REPORT = {
  ...PHOTO_REPORT,
  first_name: 'Lan',
  email: 'lan@example.vn',
};

/** A trigger that refuses every new attachment row: the link fails inside the database, as a lost media row would. */
const BREAK_LINKS: Record<DialectUnderTest, string[]> = {
  sqlite: [
    `CREATE TRIGGER test_break_links BEFORE INSERT ON attachments BEGIN SELECT RAISE(ABORT, 'link refused by test'); END`,
  ],
  postgres: [
    `CREATE FUNCTION test_break_links() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'link refused by test'; END $$`,
    'CREATE TRIGGER test_break_links BEFORE INSERT ON attachments FOR EACH ROW EXECUTE FUNCTION test_break_links()',
  ],
};
const MEND_LINKS: Record<DialectUnderTest, string[]> = {
  sqlite: ['DROP TRIGGER test_break_links'],
  postgres: ['DROP TRIGGER test_break_links ON attachments', 'DROP FUNCTION test_break_links()'],
};

describeOnEachDatabase('an Open311 report whose photo cannot be linked', (dialect) => {
  const t = useMediaServer(dialect);

  const kdb = () => t.server.database.db;
  const adb = () => kdb().withTables<AttachmentTables>();
  const run = async (statements: string[]) => {
    for (const s of statements) await sql.raw(s).execute(kdb());
  };
  const post = (body: FormData | URLSearchParams) =>
    fetch(`${t.url}/open311/v2/requests.json`, { method: 'POST', headers: { 'accept-language': 'en' }, body });

  async function expectSpecError(res: Response, status: number, code: number) {
    expect(res.status).toBe(status);
    const body = (await res.json()) as unknown;
    expect(body).toEqual([{ code, description: expect.stringMatching(/\S/) }]);
  }

  it('leaves no case, reporter, event or cursor behind, for an upload and for a file part', async () => {
    const uploadId = await completedUpload(t, plainJpeg(200, 150));
    const before = await rowCounts(kdb());
    await run(BREAK_LINKS[dialect]);
    try {
      await expectSpecError(await post(new URLSearchParams({ ...REPORT, media_upload_id: uploadId })), 400, 500);
      const file = { field: 'media', fileName: 'den.jpg', type: 'image/jpeg', data: plainJpeg(180, 120) };
      await expectSpecError(await post(multipartBody(REPORT, [file])), 400, 500);
    } finally {
      await run(MEND_LINKS[dialect]);
    }
    expect(await rowCounts(kdb())).toEqual(before);
    const links = await adb().selectFrom('attachments').select('id').execute();
    expect(links).toEqual([]);

    // Nothing was lost: the same report sent again is stored with its photo.
    const again = await post(new URLSearchParams({ ...REPORT, media_upload_id: uploadId }));
    expect(again.status).toBe(201);
    const [{ service_request_id: code }] = (await again.json()) as [{ service_request_id: string }];
    const row = await kdb().selectFrom('cases').select('id').where('code', '=', code).executeTakeFirstOrThrow();
    const linked = await adb().selectFrom('attachments').select('case_id').execute();
    expect(linked).toEqual([{ case_id: row.id }]);
  });

  it('refuses an upload whose media was removed after it completed, before any case exists', async () => {
    const photo = plainJpeg(160, 120);
    const uploadId = await completedUpload(t, photo);
    const published = await adb()
      .selectFrom('media')
      .select('sha256')
      .where('sha256', '=', sha256(photo))
      .executeTakeFirstOrThrow();
    await adb().deleteFrom('media').where('sha256', '=', published.sha256).execute();
    const before = await rowCounts(kdb());
    const res = await post(new URLSearchParams({ ...REPORT, media_upload_id: uploadId }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as [{ code: number; description: string }];
    expect(body).toEqual([{ code: 400, description: expect.stringMatching(/no finished upload/) }]);
    expect(await rowCounts(kdb())).toEqual(before);
  });
});
