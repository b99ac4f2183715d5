/**
 * A deterministic corpus of hostile contract messages: truncated JSON, wrong types, huge strings, unknown
 * commands, prototype-pollution keys, deep nesting, invalid UTF-8. Seeded so a failure can be replayed.
 */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMANDS = [
  'system.info',
  'users.list',
  'audit.list',
  'sites.list',
  'no.such',
  '',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  'x'.repeat(5000),
  'system.info\u0000',
  'ÿ',
];

const WEIRD_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  'string',
  [],
  [1, 2, 3],
  {},
  { limit: 'many' },
  { limit: -5 },
  { limit: 1.5 },
  { query: 42 },
  { query: 'x'.repeat(100_000) },
  { siteId: 'other-site' },
  JSON.parse('{"__proto__": {"polluted": true}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
  { query: 'Phường Mỹ Phú 🙂' },
];

export function buildMessages(count: number, seed = 20261127): string[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const valid = JSON.stringify({ t: 'call', id: i, command: pick(COMMANDS), input: pick(WEIRD_VALUES) });
    switch (i % 12) {
      case 0:
        out.push(valid.slice(0, Math.floor(random() * valid.length)));
        break;
      case 1:
        out.push(
          JSON.stringify({
            t: 'call',
            id: pick([null, {}, [], 'x'.repeat(100), 1.5, -0]),
            command: pick(COMMANDS),
            input: {},
          }),
        );
        break;
      case 2:
        out.push(JSON.stringify({ t: 'call', id: i, command: pick([42, null, {}, ['system.info']]), input: {} }));
        break;
      case 3:
        out.push(JSON.stringify({ t: pick(['CALL', 'result', 'event', 42, null, '__proto__']), id: i }));
        break;
      case 4:
        out.push(
          `{"__proto__":{"isAdmin":true},"t":"call","id":${i},"command":"users.list","input":{"__proto__":{"x":1}}}`,
        );
        break;
      case 5:
        out.push(
          JSON.stringify({
            t: 'call',
            id: i,
            command: 'users.list',
            input: { query: 'é'.repeat(60_000 + Math.floor(random() * 60_000)) },
          }),
        );
        break;
      case 6:
        out.push('['.repeat(5000 + Math.floor(random() * 20_000)) + ']'.repeat(10));
        break;
      case 7:
        out.push(
          pick(['', ' ', 'null', '0', '"str"', 'true', '[]', '{}', 'undefined', 'NaN', '\u0000\u0001', '{"t":"call"']),
        );
        break;
      case 8:
        out.push(
          JSON.stringify({
            t: 'call',
            id: i,
            command: pick(COMMANDS),
            input: pick(WEIRD_VALUES),
            extra: { deep: [1, { a: 'b' }] },
          }),
        );
        break;
      case 9:
        out.push('\uFFFD\uD800' + valid);
        break;
      case 10:
        out.push(JSON.stringify({ t: 'call', id: i, command: pick(COMMANDS), input: pick(WEIRD_VALUES) }));
        break;
      default:
        out.push(valid.replace(/"/g, pick(["'", '', '\\"', '""'])));
    }
  }
  return out;
}
