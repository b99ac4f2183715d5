import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { parseCsvRegister, parseGeoJsonRegister } from './register';

const none = () => undefined;

describe('parseCsv', () => {
  it('reads quoted fields with commas, quotes and line breaks, and gives each record its first line', () => {
    const r = parseCsv('\ufeffid,name\r\n1,"Trạm ""A"", bờ kè"\r\n2,"dòng\nhai"\n3,x');
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
  it('refuses an unterminated quote and text after a closing quote', () => {
    expect(parseCsv('a\n"open')).toMatchObject({ ok: false, line: 2 });
    expect(parseCsv('a\n"x"y')).toMatchObject({ ok: false, line: 2 });
  });
});

describe('parseCsvRegister', () => {
  it('reports every bad row by its line', () => {
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
    const r = parseCsvRegister(csv, none);
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
  it('reads semicolon-separated exports with decimal commas (Vietnamese spreadsheets)', () => {
    const r = parseCsvRegister('id;kind;name;lat;lon\nwc-1;waste_container;Thùng rác;10,4574;105,6293', none);
    expect(r.errors).toEqual([]);
    expect(r.rows[0]).toMatchObject({ lat: 10.4574, lon: 105.6293 });
  });
  it('says which required column is missing', () => {
    expect(parseCsvRegister('id,name\n1,x', none).errors[0]!.message).toContain('kind');
  });
});

describe('parseGeoJsonRegister', () => {
  it('takes Point features and reports bad ones by position', () => {
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
    const r = parseGeoJsonRegister(JSON.stringify(fc), none);
    expect(r.rows.map((x) => [x.id, x.lat, x.properties])).toEqual([
      ['sl-1', 10.46, { power_w: 120 }],
      ['ap-1', null, {}],
    ]);
    expect(r.errors).toEqual([{ line: 2, code: 'bad_feature', message: expect.stringContaining('Point') }]);
  });
});
