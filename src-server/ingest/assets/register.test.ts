import { describe, expect, it } from 'vitest';
import { splitCsv } from './csv';
import { parseCsvRegister, parseGeoJsonRegister } from './register';

const none = () => undefined;

describe('splitCsv', () => {
  it('reads quoted fields with commas, quotes and line breaks, and gives each record its first line', async () => {
    const r = await splitCsv('\ufeffid,name\r\n1,"Trạm ""A"", bờ kè"\r\n2,"dòng\nhai"\n3,x');
    expect(r).toEqual({
      ok: true,
      delimiter: ',',
      records: [
        { line: 1, fields: ['id', 'name'] },
        { line: 2, fields: ['1', 'Trạm "A", bờ kè'] },
        { line: 3, fields: ['2', 'dòng\nhai'] },
        { line: 5, fields: ['3', 'x'] },
      ],
    });
  });
  it('refuses an unterminated quote and text after a closing quote', async () => {
    expect(await splitCsv('a\n"open')).toMatchObject({ ok: false, line: 2 });
    expect(await splitCsv('a\n"x"y')).toMatchObject({ ok: false, line: 2 });
  });
});

describe('parseCsvRegister', () => {
  it('reports every bad row by its line', async () => {
    const csv = [
      'id,kind,name,lat,lon,ward,operator',
      'fg-01,flood_gauge,Trạm Nguyễn Huệ,10.4601,105.6322,Phường 1,Công ty Môi trường',
      'fg-02,volcano,Núi,10.4,105.6,,',
      'fg-03,flood_gauge,,10.4,105.6,,',
      'fg-01,flood_gauge,Trùng,10.4,105.6,,',
      'fg-04,flood_gauge,Sai tọa độ,95,105.6,,',
      'fg-05,flood_gauge,Thiếu kinh độ,10.4,,,',
      'fg-06,flood_gauge,Thiếu cột',
    ].join('\n');
    const r = await parseCsvRegister(csv, none);
    expect(r.rows.map((x) => x.id)).toEqual(['fg-01']);
    expect(r.rows[0]).toMatchObject({ ward: 'Phường 1', properties: { operator: 'Công ty Môi trường' }, lat: 10.4601 });
    expect(r.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(r.errors[0]!.message).toContain('volcano');
    expect(r.errors[2]!.message).toContain('repeats line 2');
    expect(r.errors.map((e) => e.code)).toEqual([
      'bad_kind',
      'name_required',
      'repeated_id',
      'lat_range',
      'coords_half',
      'wrong_width',
    ]);
  });
  it('reads semicolon-separated exports with decimal commas (Vietnamese spreadsheets)', async () => {
    const r = await parseCsvRegister('id;kind;name;lat;lon\nwc-1;waste_container;Thùng rác;10,4574;105,6293', none);
    expect(r.errors).toEqual([]);
    expect(r.rows[0]).toMatchObject({ lat: 10.4574, lon: 105.6293 });
  });
  it('says which required column is missing', async () => {
    expect((await parseCsvRegister('id,name\n1,x', none)).errors[0]!.message).toContain('kind');
  });
});

describe('parseGeoJsonRegister', () => {
  it('takes Point features and reports bad ones by position', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 'sl-1',
          geometry: { type: 'Point', coordinates: [105.63, 10.46] },
          properties: { kind: 'streetlight', name: 'Đèn 1', power_w: 120 },
        },
        {
          type: 'Feature',
          geometry: {
            type: 'LineString',
            coordinates: [
              [0, 0],
              [1, 1],
            ],
          },
          properties: { id: 'x', kind: 'streetlight', name: 'Tuyến' },
        },
        { type: 'Feature', geometry: null, properties: { id: 'ap-1', kind: 'wifi_ap', name: 'Wi-Fi' } },
      ],
    };
    const r = await parseGeoJsonRegister(JSON.stringify(fc), none);
    expect(r.rows.map((x) => [x.id, x.lat, x.properties])).toEqual([
      ['sl-1', 10.46, { power_w: 120 }],
      ['ap-1', null, {}],
    ]);
    expect(r.errors).toEqual([{ line: 2, code: 'bad_feature', message: expect.stringContaining('Point') }]);
  });
});

describe('register checking in slices', () => {
  const csvOf = (rows: number, bad: Record<number, string> = {}) =>
    [
      'id,kind,name,lat,lon',
      ...Array.from({ length: rows }, (_, i) => bad[i] ?? `sl-${i},streetlight,Đèn ${i},10.46,105.63`),
    ].join('\n');

  it('tells the rows checked every 500 and waits for the caller before checking on', async () => {
    const told: [number, number][] = [];
    let waiting = false;
    const r = await parseCsvRegister(csvOf(1750), async (done, total) => {
      expect(waiting, 'checked on before the last progress call returned').toBe(false);
      told.push([done, total]);
      waiting = true;
      await new Promise((resolve) => setImmediate(resolve));
      waiting = false;
    });
    expect(r).toMatchObject({ total: 1750, errors: [] });
    expect(r.rows).toHaveLength(1750);
    expect(told).toEqual([
      [0, 1750],
      [500, 1750],
      [1000, 1750],
      [1500, 1750],
      [1750, 1750],
    ]);
  });

  it('counts every bad and good row, past the 200 bad rows it names, and tells the bad ones as it goes', async () => {
    const bad = Object.fromEntries(Array.from({ length: 250 }, (_, k) => [k * 4, `x-${k},lamp,Đèn ${k},10.4,105.6`]));
    const told: number[] = [];
    const r = await parseCsvRegister(csvOf(1000, bad), (_done, _total, badSoFar) => {
      told.push(badSoFar);
    });
    expect(r).toMatchObject({ total: 1000, badRows: 250 });
    expect(r.rows).toHaveLength(750);
    expect(r.errors).toHaveLength(200);
    expect(r.errors.at(-1)!.line).toBe(2 + 199 * 4);
    // Rows 0, 4, 8 … are bad: 125 of the first 500, all 250 at the end.
    expect(told).toEqual([0, 125, 250, 250]);
  });

  it('still finds every bad row, wherever it is, across the slices', async () => {
    const r = await parseCsvRegister(
      csvOf(1600, {
        0: 'sl-0,lamp,Đèn,10.4,105.6',
        999: 'sl-999,streetlight,,10.4,105.6',
        1599: 'sl-1,streetlight,Trùng,1,1',
      }),
      none,
    );
    expect(r.errors.map((e) => [e.line, e.code])).toEqual([
      [2, 'bad_kind'],
      [1001, 'name_required'],
      [1601, 'repeated_id'],
    ]);
  });
});
