import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '..', '..');

/** The real-camera ONVIF captures, copied into the repo with their licences (see its SOURCES.md). */
const DIR = join(REPO, 'tests', 'fixtures', 'onvif');
export const ONVIF_FIXTURES: string | undefined = existsSync(join(DIR, 'onvif-nvt')) ? DIR : undefined;

export function fixture(path: string): string {
  if (!ONVIF_FIXTURES) throw new Error('ONVIF captures not found in tests/fixtures/onvif');
  return readFileSync(join(ONVIF_FIXTURES, path), 'utf8');
}

/** Every capture file (relative paths) whose name matches. */
export function fixtureFiles(match: RegExp): string[] {
  if (!ONVIF_FIXTURES) return [];
  const root = ONVIF_FIXTURES;
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (match.test(name)) found.push(relative(root, full));
    }
  };
  walk(root);
  return found.sort();
}
