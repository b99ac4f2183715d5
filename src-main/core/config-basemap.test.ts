import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

const dir = mkdtempSync(join(tmpdir(), 'ioc-basemap-config-'));
const file = join(dir, 'city.pmtiles');
writeFileSync(file, 'PMTiles');
const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseConfig(argv, env, '/app');

describe('parseConfig: production basemap', () => {
  it('defaults to the offline basemap', () => {
    expect(parse([])).toMatchObject({ basemapFile: null, basemapStyle: null });
  });

  it('takes a PMTiles file from --basemap or IOC_BASEMAP, the flag first', () => {
    expect(parse(['--basemap', file]).basemapFile).toBe(file);
    expect(parse([], { IOC_BASEMAP: file }).basemapFile).toBe(file);
    expect(parse([`--basemap=${file}`], { IOC_BASEMAP: '/nope.pmtiles' }).basemapFile).toBe(file);
  });

  it('takes an http(s) style URL from --basemap-style or IOC_BASEMAP_STYLE', () => {
    const url = 'https://tiles.example.vn/styles/dark/style.json';
    expect(parse(['--basemap-style', url]).basemapStyle).toBe(url);
    expect(parse([], { IOC_BASEMAP_STYLE: 'http://10.0.0.5:8080/style.json' }).basemapStyle).toBe(
      'http://10.0.0.5:8080/style.json',
    );
  });

  it('refuses bad values with a clear error', () => {
    const cases: [string[], NodeJS.ProcessEnv, RegExp][] = [
      [['--basemap-style', 'file:///etc/style.json'], {}, /--basemap-style must be an http\(s\) URL/],
      [[], { IOC_BASEMAP_STYLE: 'ftp://x.example/s.json' }, /--basemap-style must be an http\(s\) URL/],
      [['--basemap-style', 'tiles.example.vn/style.json'], {}, /http\(s\) URL/],
      [['--basemap', join(dir, 'missing.pmtiles')], {}, /does not exist/],
      [['--basemap', dir + '.pmtiles'], {}, /does not exist/],
      [['--basemap', join(dir, 'city.mbtiles')], {}, /must be a \.pmtiles file/],
      [['--basemap', file, '--basemap-style', 'https://x.example/s.json'], {}, /not both/],
      [['--basemap'], {}, /--basemap needs a value/],
    ];
    for (const [argv, env, message] of cases) {
      expect(() => parse(argv, env)).toThrow(ConfigError);
      expect(() => parse(argv, env)).toThrow(message);
    }
  });
});
