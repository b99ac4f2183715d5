/**
 * A deliberately tiny XML reader for the conformance tests: elements and text only (what GeoReport v2 uses),
 * strict about well-formedness, so a missing escape or an unclosed tag fails the test.
 */
export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(text)) throw new Error(`bare & in ${text.slice(0, 40)}`);
  if (/[<>]/.test(text)) throw new Error(`unescaped markup in text: ${text.slice(0, 40)}`);
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (_, e: string) =>
    e.startsWith('#x')
      ? String.fromCodePoint(parseInt(e.slice(2), 16))
      : e.startsWith('#')
        ? String.fromCodePoint(Number(e.slice(1)))
        : ENTITIES[e]!,
  );
}

export function parseXml(xml: string): XmlElement {
  const decl = /^<\?xml version="1\.0" encoding="utf-8"\?>\n/i.exec(xml);
  if (!decl) throw new Error('missing the XML declaration with encoding="utf-8"');
  let pos = decl[0].length;
  const stack: XmlElement[] = [{ name: '#document', children: [], text: '' }];
  const tag = /<(\/?)([A-Za-z_][\w.-]*)\s*(\/?)>/y;
  while (pos < xml.length) {
    const lt = xml.indexOf('<', pos);
    const text = xml.slice(pos, lt === -1 ? xml.length : lt);
    stack.at(-1)!.text += decode(text);
    if (lt === -1) break;
    tag.lastIndex = lt;
    const m = tag.exec(xml);
    if (!m) throw new Error(`malformed tag at ${lt}: ${xml.slice(lt, lt + 30)}`);
    const [, closing, name, selfClosing] = m;
    if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
    } else {
      const element: XmlElement = { name: name!, children: [], text: '' };
      stack.at(-1)!.children.push(element);
      if (!selfClosing) stack.push(element);
    }
    pos = tag.lastIndex;
  }
  const [doc] = stack;
  if (stack.length !== 1 || !doc || doc.children.length !== 1 || doc.text.trim() !== '') {
    throw new Error('the document must hold exactly one root element');
  }
  return doc.children[0]!;
}

/** Child element by name (the only one of that name), e.g. child(request, 'status').text. */
export function child(element: XmlElement, name: string): XmlElement {
  const found = element.children.filter((c) => c.name === name);
  if (found.length !== 1) throw new Error(`<${element.name}> has ${found.length} <${name}>`);
  return found[0]!;
}

export function childNames(element: XmlElement): string[] {
  return element.children.map((c) => c.name);
}
