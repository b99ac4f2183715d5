/**
 * The XML of GeoReport v2: schemaless, no namespace, UTF-8 declaration, one element per field. Arrays become a
 * wrapper element of the field's name holding one item element each (`<attributes><attribute>…`), as the spec's
 * examples show. Every text is escaped and characters XML 1.0 cannot carry are dropped.
 */
export type XmlValue = string | number | boolean | null | readonly XmlValue[] | { readonly [key: string]: XmlValue };

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
// Control characters other than tab, LF and CR, lone surrogates, and the two non-characters U+FFFE/U+FFFF.
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function element(name: string, value: XmlValue, itemNames: Readonly<Record<string, string>>, indent: string): string {
  if (!NAME.test(name)) throw new Error(`not an XML element name: ${JSON.stringify(name)}`);
  if (value === null) return `${indent}<${name}/>`;
  if (Array.isArray(value)) {
    const item = itemNames[name];
    if (!item) throw new Error(`no item element name for the list ${name}`);
    if (value.length === 0) return `${indent}<${name}/>`;
    const inner = value.map((v: XmlValue) => element(item, v, itemNames, indent + '  ')).join('\n');
    return `${indent}<${name}>\n${inner}\n${indent}</${name}>`;
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value as { readonly [key: string]: XmlValue })
      .map(([k, v]) => element(k, v, itemNames, indent + '  '))
      .join('\n');
    return inner ? `${indent}<${name}>\n${inner}\n${indent}</${name}>` : `${indent}<${name}/>`;
  }
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>`;
}

export function toXmlDocument(root: string, value: XmlValue, itemNames: Readonly<Record<string, string>>): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, itemNames, '')}\n`;
}
