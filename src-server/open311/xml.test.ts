import { describe, expect, it } from 'vitest';
import { escapeXml, toXmlDocument } from './xml';

describe('GeoReport XML', () => {
  it('escapes markup and drops what XML 1.0 cannot carry', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(escapeXml('a\u0000b\u0007c\td\ne')).toBe('abc\td\ne');
    expect(escapeXml('x\uD800y')).toBe('xy');
    expect(escapeXml('Đèn 🚦 hỏng')).toBe('Đèn 🚦 hỏng');
    expect(escapeXml(']]><!--')).toBe(']]&gt;&lt;!--');
  });

  it('writes lists as wrapper plus items, null as an empty element', () => {
    const xml = toXmlDocument('services', [{ service_code: 'a', metadata: true, group: null }], {
      services: 'service',
    });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<services>\n  <service>\n    <service_code>a</service_code>\n' +
        '    <metadata>true</metadata>\n    <group/>\n  </service>\n</services>\n',
    );
    expect(toXmlDocument('errors', [], { errors: 'error' })).toContain('<errors/>');
  });

  it('refuses element names that are not names and lists it has no item name for', () => {
    expect(() => toXmlDocument('x', { 'a b': 1 }, {})).toThrow(/not an XML element name/);
    expect(() => toXmlDocument('x', { list: [1] }, {})).toThrow(/no item element name/);
  });
});
