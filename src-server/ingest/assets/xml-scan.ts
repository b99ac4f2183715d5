/**
 * A small, strict XML scanner for the plain parts of an XLSX file (workbook, relationships, shared strings,
 * worksheet). It expands no entities but the five predefined ones and character references, and refuses any
 * DOCTYPE outright, so there is no external entity and no billion laughs. Namespace prefixes are dropped
 * (`x:row` → `row`): spreadsheets use one namespace per part.
 */
export interface XmlHandlers {
  open?(name: string, attributes: Record<string, string>, selfClosing: boolean): void;
  close?(name: string): void;
  text?(text: string): void;
}

export class XmlScanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlScanError';
  }
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const MAX_DEPTH = 64;

export function decodeXmlText(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&\s]{1,10});/g, (_match, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isInteger(code) || code <= 0 || code > 0x10ffff) throw new XmlScanError(`bad character &${ref};`);
      return String.fromCodePoint(code);
    }
    const named = PREDEFINED[ref];
    if (named === undefined) throw new XmlScanError(`unknown entity &${ref.slice(0, 10)};`);
    return named;
  });
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

function parseAttributes(source: string, tag: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  const pattern = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/gy;
  let at = 0;
  for (;;) {
    while (at < source.length && /\s/.test(source[at]!)) at++;
    if (at >= source.length) return attributes;
    pattern.lastIndex = at;
    const match = pattern.exec(source);
    if (!match) throw new XmlScanError(`malformed attributes in <${tag.slice(0, 40)}>`);
    Object.defineProperty(attributes, localName(match[1]!), {
      value: decodeXmlText(match[2] ?? match[3] ?? ''),
      enumerable: true,
    });
    at = pattern.lastIndex;
  }
}

export function scanXml(xml: string, handlers: XmlHandlers): void {
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  const stack: string[] = [];
  let rootDone = false;
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const end = lt === -1 ? text.length : lt;
    if (end > i) {
      const chunk = text.slice(i, end);
      // Decoded even when nobody listens: a bad reference makes the whole part bad.
      const decoded = decodeXmlText(chunk);
      if (stack.length > 0) handlers.text?.(decoded);
      else if (chunk.trim() !== '') throw new XmlScanError('text outside the root element');
    }
    if (lt === -1) break;
    if (text.startsWith('<?', lt)) {
      const close = text.indexOf('?>', lt + 2);
      if (close === -1) throw new XmlScanError('unterminated processing instruction');
      i = close + 2;
    } else if (text.startsWith('<!--', lt)) {
      const close = text.indexOf('-->', lt + 4);
      if (close === -1) throw new XmlScanError('unterminated comment');
      i = close + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const close = text.indexOf(']]>', lt + 9);
      if (close === -1) throw new XmlScanError('unterminated CDATA section');
      if (stack.length === 0) throw new XmlScanError('CDATA outside the root element');
      handlers.text?.(text.slice(lt + 9, close));
      i = close + 3;
    } else if (text.startsWith('<!', lt)) {
      throw new XmlScanError('DOCTYPE and entity declarations are refused');
    } else {
      // A tag ends at the first '>' outside a quoted attribute value.
      let j = lt + 1;
      let quote = '';
      for (; j < text.length; j++) {
        const c = text[j]!;
        if (quote) {
          if (c === quote) quote = '';
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '>') break;
        else if (c === '<') throw new XmlScanError('"<" inside a tag');
      }
      if (j >= text.length) throw new XmlScanError('unterminated tag');
      const inner = text.slice(lt + 1, j);
      if (inner.startsWith('/')) {
        const name = localName(inner.slice(1).trim());
        const open = stack.pop();
        if (open !== name) throw new XmlScanError(`</${name.slice(0, 40)}> closes <${(open ?? '').slice(0, 40)}>`);
        handlers.close?.(name);
        rootDone = stack.length === 0;
      } else {
        const selfClosing = inner.endsWith('/');
        const body = selfClosing ? inner.slice(0, -1) : inner;
        const nameEnd = body.search(/\s|$/);
        const name = localName(body.slice(0, nameEnd));
        if (name === '') throw new XmlScanError('a tag without a name');
        if (stack.length === 0 && rootDone) throw new XmlScanError('more than one root element');
        handlers.open?.(name, parseAttributes(body.slice(nameEnd), name), selfClosing);
        if (selfClosing) {
          handlers.close?.(name);
          rootDone ||= stack.length === 0;
        } else {
          stack.push(name);
          if (stack.length > MAX_DEPTH) throw new XmlScanError(`nested deeper than ${MAX_DEPTH}`);
        }
      }
      i = j + 1;
    }
  }
  if (stack.length > 0) throw new XmlScanError(`<${stack.at(-1)!.slice(0, 40)}> is never closed`);
}
