import { describe, expect, it } from 'vitest';
import { createJsonLineReader } from './json-lines';

describe('JSON lines read as the reply grows', () => {
  it('gives each complete line once, and keeps a cut line until its end arrives', () => {
    const reader = createJsonLineReader();
    expect(reader.push('{"progress":{"n":1}}\n{"progr')).toEqual([{ ok: true, value: { progress: { n: 1 } } }]);
    expect(reader.push('ess":{"n":2}}')).toEqual([]);
    expect(reader.push('\n\n{"ok":true,"value":"Đèn"}')).toEqual([{ ok: true, value: { progress: { n: 2 } } }]);
    expect(reader.end()).toEqual([{ ok: true, value: { ok: true, value: 'Đèn' } }]);
    expect(reader.end()).toEqual([]);
  });

  it('names a line that is not JSON instead of throwing', () => {
    const reader = createJsonLineReader();
    expect(reader.push('<html>\n')).toEqual([{ ok: false, text: '<html>' }]);
    expect(reader.push('\r\n')).toEqual([]);
  });
});
