import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withAlertTables } from '../../src-server/alerts/tables';
import { parseXlsxRegister } from '../../src-server/ingest/assets/register';
import { columnIndex, readFirstSheet, XlsxError } from '../../src-server/ingest/assets/xlsx';
import { scanXml, XmlScanError } from '../../src-server/ingest/assets/xml-scan';
import { openZip, XLSX_ZIP_LIMITS, ZipError } from '../../src-server/ingest/assets/zip';
import { describeOnEachDatabase } from '../server/databases';
import { type AlertsServer, startAlertsServer } from './harness';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'xlsx', name));
const noProgress = () => undefined;

describe('XLSX reader', () => {
  it('reads the first sheet of a workbook with shared strings, by the sheet’s own row numbers', () => {
    const rows = readFirstSheet(fixture('good-register.xlsx'));
    expect(rows[0]).toEqual({
      row: 1,
      cells: ['id', 'kind', 'name', 'lat', 'lon', 'ward', 'smart', 'pole_height_m'],
    });
    expect(rows[1]).toEqual({
      row: 2,
      cells: ['xl-sl-000', 'streetlight', 'Đèn đường Nguyễn Huệ số 0', 10.45, 105.63, null, true, 8.5],
    });
    expect(rows[2]!.cells[5]).toBe('Phường 2');
    expect(rows.map((r) => r.row).slice(-3)).toEqual([121, 123, 124]);
    // The phonetic run of the rich-text item is left out; a missing trailing cell is simply absent.
    expect(rows.at(-2)!.cells.slice(0, 3)).toEqual(['xl-wc-1', 'waste_container', 'Thùng rác chợ Cao Lãnh']);
    expect(rows.at(-1)!.cells).toEqual([4711, 'wifi_ap', 'Wi-Fi Công viên Văn Miếu', 10.46, 105.635]);
    expect(rows.flatMap((r) => r.cells)).not.toContain('this sheet is not read');
  });

  it('takes prefixed elements, inline rich text, entities, CDATA and rows without numbers', () => {
    expect(readFirstSheet(fixture('inline-strings.xlsx'))).toEqual([
      { row: 1, cells: ['id', 'kind', 'name', 'lat', 'lon'] },
      { row: 3, cells: ['il-1', 'flood_gauge', 'Trạm đo "Sông Tiền" & cầu <Đình>', 10.45, 105.64] },
    ]);
  });

  it('refuses zip bombs, honest or lying, and files that are not ZIP archives', () => {
    expect(() => readFirstSheet(fixture('zip-bomb.xlsx'))).toThrow(/unpacks to \d+ bytes.*refused/);
    expect(() => readFirstSheet(fixture('zip-bomb-lying.xlsx'))).toThrow(/more than it declares: refused/);
    expect(() => readFirstSheet(fixture('not-a-zip.xlsx'))).toThrow(XlsxError);
    expect(() => readFirstSheet(fixture('not-a-zip.xlsx'))).toThrow(/not a ZIP file/);
  });

  it('refuses an archive with more entries than the limit, and a damaged entry', () => {
    const good = fixture('good-register.xlsx');
    expect(() => openZip(good, { ...XLSX_ZIP_LIMITS, maxEntries: 5 })).toThrow(/too many entries \(11/);
    expect(() => openZip(good, { ...XLSX_ZIP_LIMITS, maxTotalBytes: 10_000 }).read('xl/worksheets/sheet1.xml')).toThrow(
      /more than 10000 bytes/,
    );
    const damaged = Buffer.from(good);
    const zip = openZip(good);
    const sheet = zip.read('xl/worksheets/sheet1.xml')!;
    expect(sheet.length).toBeGreaterThan(1000);
    // Flip bytes in the middle of the archive: some entry's data no longer inflates or matches its checksum.
    for (let i = 2000; i < 2100; i++) damaged[i] = damaged[i]! ^ 0xff;
    const broken = openZip(damaged);
    expect(() => broken.names().forEach((n) => broken.read(n))).toThrow(ZipError);
  });

  it('maps cell references to columns', () => {
    expect(['A1', 'Z9', 'AA10', 'XFD1048576'].map(columnIndex)).toEqual([0, 25, 26, 16383]);
    expect(() => columnIndex('a1')).toThrow(XlsxError);
  });
});

describe('XML scanner', () => {
  it('refuses DOCTYPE and unknown entities, and mismatched tags', () => {
    const lol = '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa">]><sst><si><t>&a;</t></si></sst>';
    expect(() => scanXml(lol, {})).toThrow(/DOCTYPE/);
    expect(() => scanXml('<sst><si><t>&a;</t></si></sst>', {})).toThrow(/unknown entity/);
    expect(() => scanXml('<sst><si></sst>', {})).toThrow(XmlScanError);
    expect(() => scanXml('<a/><b/>', {})).toThrow(/more than one root/);
  });

  it('reads attributes with either quote and a ">" inside a value', () => {
    const seen: Record<string, string>[] = [];
    scanXml(`<r><x:c r='A1' t="s" note="a > b &amp; c"/></r>`, { open: (_n, a) => seen.push(a) });
    expect(seen[1]).toEqual({ r: 'A1', t: 's', note: 'a > b & c' });
  });
});

describe('XLSX register', () => {
  it('names each bad row by its spreadsheet row number and keeps none', async () => {
    const parsed = await parseXlsxRegister(fixture('bad-rows.xlsx'), noProgress);
    expect(parsed.total).toBe(30);
    expect(parsed.rows.length).toBe(26);
    expect(parsed.errors.map((e) => e.line)).toEqual([7, 12, 20, 25]);
    expect(parsed.errors[2]!.message).toMatch(/repeats line 5/);
    expect(parsed.errors[2]).toMatchObject({ code: 'repeated_id', params: { earlier: 5 } });
  });

  it('turns a zip bomb into one error about the whole file', async () => {
    expect(await parseXlsxRegister(fixture('zip-bomb-lying.xlsx'), noProgress)).toMatchObject({
      rows: [],
      errors: [
        {
          line: 0,
          code: 'not_xlsx',
          params: { detail: expect.any(String) as unknown },
          message: expect.stringMatching(/^not a usable XLSX workbook: .*refused/) as unknown,
        },
      ],
    });
  });
});

interface ImportReply {
  import: {
    id: string;
    format: string;
    status: string;
    totalRows: number;
    importedRows: number;
    errors: { line: number; message: string }[];
  };
}

describeOnEachDatabase('XLSX asset register import', (dialect) => {
  let s: AlertsServer;
  beforeAll(async () => {
    s = await startAlertsServer(dialect);
  });
  afterAll(async () => s?.stop());

  async function importFile(name: string) {
    const res = await fetch(`${s.url}/api/assets/import?format=xlsx&fileName=${name}`, {
      method: 'POST',
      headers: {
        authorization: s.device,
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'x-ioc-actor': 'technician',
      },
      body: fixture(name),
    });
    expect(res.status).toBe(202);
    const { id } = ((await res.json()) as ImportReply).import;
    for (;;) {
      const reply = (await (
        await fetch(`${s.url}/api/assets/imports/${id}`, { headers: { authorization: s.device } })
      ).json()) as ImportReply;
      if (reply.import.status !== 'validating' && reply.import.status !== 'writing') return reply.import;
    }
  }
  const assetIds = async () =>
    (await withAlertTables(s.server.database.db).selectFrom('assets').select('id').orderBy('id').execute()).map(
      (r) => r.id,
    );

  it('imports a good workbook whole, reported as xlsx', async () => {
    const done = await importFile('good-register.xlsx');
    expect(done).toMatchObject({ format: 'xlsx', status: 'imported', totalRows: 122, importedRows: 122, errors: [] });
    const ids = await assetIds();
    expect(ids).toContain('4711');
    expect(ids).toContain('xl-wc-1');
    const row = await withAlertTables(s.server.database.db)
      .selectFrom('assets')
      .selectAll()
      .where('id', '=', 'xl-sl-001')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'streetlight', name: 'Đèn đường Nguyễn Huệ số 1', ward: 'Phường 2' });
    expect(JSON.parse(row.properties)).toEqual({ smart: 'false', pole_height_m: '8.5' });
  });

  it('imports nothing from a workbook with bad rows, a zip bomb or a file that is not one', async () => {
    const before = await assetIds();
    const bad = await importFile('bad-rows.xlsx');
    expect(bad).toMatchObject({ format: 'xlsx', status: 'rejected', importedRows: 0 });
    expect(bad.errors.map((e) => e.line)).toEqual([7, 12, 20, 25]);
    for (const name of ['zip-bomb.xlsx', 'zip-bomb-lying.xlsx', 'not-a-zip.xlsx']) {
      const done = await importFile(name);
      expect(done.status, name).toBe('rejected');
      expect(done.errors, name).toEqual([
        {
          line: 0,
          code: 'not_xlsx',
          params: { detail: expect.any(String) as unknown },
          message: expect.stringMatching(/^not a usable XLSX/) as unknown,
        },
      ]);
    }
    expect(await assetIds()).toEqual(before);
  });
});
