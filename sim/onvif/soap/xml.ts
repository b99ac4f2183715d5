// A small, non-validating XML parser for SOAP requests and the captured responses. No DTDs (refused), no
// entity expansion beyond the five predefined ones and character references, bounded depth.

export interface XmlElement {
  /** The name as written, e.g. `tptz:ContinuousMove`. */
  readonly name: string;
  readonly local: string;
  /** Resolved namespace URI, '' when the prefix is unbound or absent without a default namespace. */
  readonly ns: string;
  /** Attributes by name as written (`space`, `x`, `SOAP-ENV:mustUnderstand`). */
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** Direct text content, entities decoded, concatenated. */
  text: string;
}

export class XmlError extends Error {}

const MAX_DEPTH = 128;
const NAME = /[A-Za-z_][\w.:-]*/y;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([^;&\s]{1,10});/g, (_, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X')) return codePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return codePoint(Number.parseInt(ref.slice(1), 10));
    const known = PREDEFINED[ref];
    if (known === undefined) throw new XmlError(`unknown entity &${ref};`);
    return known;
  });
}

function codePoint(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 0x10ffff) throw new XmlError('bad character reference');
  return String.fromCodePoint(n);
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`);
}

interface Scope {
  readonly prefixes: ReadonlyMap<string, string>;
}

/** Parses a whole document and returns its root element. Throws XmlError on anything malformed. */
export function parseXml(source: string): XmlElement {
  const src = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const stack: { el: XmlElement; scope: Scope }[] = [];
  let root: XmlElement | null = null;
  let i = 0;

  const readName = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(src);
    if (!m) throw new XmlError(`expected a name at ${i}`);
    i += m[0].length;
    return m[0];
  };
  const skipSpace = () => {
    while (i < src.length && /\s/.test(src[i] ?? '')) i++;
  };
  const skipPast = (end: string) => {
    const at = src.indexOf(end, i);
    if (at < 0) throw new XmlError(`unterminated construct, expected ${end}`);
    i = at + end.length;
  };

  while (i < src.length) {
    const lt = src.indexOf('<', i);
    const text = src.slice(i, lt < 0 ? src.length : lt);
    const top = stack[stack.length - 1];
    if (text.length > 0) {
      if (top) top.el.text += decodeEntities(text);
      else if (text.trim() !== '') throw new XmlError('text outside the root element');
    }
    if (lt < 0) break;
    i = lt;
    if (src.startsWith('<?', i)) {
      skipPast('?>');
    } else if (src.startsWith('<!--', i)) {
      skipPast('-->');
    } else if (src.startsWith('<![CDATA[', i)) {
      const end = src.indexOf(']]>', i);
      if (end < 0 || !top) throw new XmlError('bad CDATA section');
      top.el.text += src.slice(i + 9, end);
      i = end + 3;
    } else if (src.startsWith('<!', i)) {
      throw new XmlError('DTDs and declarations are not accepted');
    } else if (src.startsWith('</', i)) {
      i += 2;
      const name = readName();
      skipSpace();
      if (src[i] !== '>') throw new XmlError(`bad end tag ${name}`);
      i++;
      const open = stack.pop();
      if (!open || open.el.name !== name) throw new XmlError(`mismatched end tag ${name}`);
    } else {
      i++;
      const name = readName();
      const attrs: Record<string, string> = {};
      for (;;) {
        skipSpace();
        if (src.startsWith('/>', i) || src[i] === '>') break;
        if (i >= src.length) throw new XmlError('unterminated start tag');
        const attr = readName();
        skipSpace();
        if (src[i] !== '=') throw new XmlError(`attribute ${attr} without value`);
        i++;
        skipSpace();
        const quote = src[i];
        if (quote !== '"' && quote !== "'") throw new XmlError(`unquoted attribute ${attr}`);
        const end = src.indexOf(quote, i + 1);
        if (end < 0) throw new XmlError('unterminated attribute value');
        if (Object.hasOwn(attrs, attr)) throw new XmlError(`duplicate attribute ${attr}`);
        attrs[attr] = decodeEntities(src.slice(i + 1, end));
        i = end + 1;
      }
      const selfClosing = src[i] === '/';
      i += selfClosing ? 2 : 1;
      const parentScope = top?.scope ?? { prefixes: new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]) };
      const scope = declare(parentScope, attrs);
      const colon = name.indexOf(':');
      const prefix = colon < 0 ? '' : name.slice(0, colon);
      const el: XmlElement = {
        name,
        local: colon < 0 ? name : name.slice(colon + 1),
        ns: scope.prefixes.get(prefix) ?? '',
        attrs,
        children: [],
        text: '',
      };
      if (top) top.el.children.push(el);
      else if (root) throw new XmlError('more than one root element');
      else root = el;
      if (!selfClosing) {
        if (stack.length >= MAX_DEPTH) throw new XmlError('nesting too deep');
        stack.push({ el, scope });
      }
    }
  }
  if (stack.length > 0) throw new XmlError('unclosed element');
  if (!root) throw new XmlError('no root element');
  return root;
}

function declare(parent: Scope, attrs: Record<string, string>): Scope {
  let prefixes: Map<string, string> | null = null;
  for (const [name, value] of Object.entries(attrs)) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    prefixes ??= new Map(parent.prefixes);
    prefixes.set(name === 'xmlns' ? '' : name.slice(6), value);
  }
  return prefixes ? { prefixes } : parent;
}

/** First child with this local name (and namespace, when given). */
export function child(el: XmlElement | undefined, local: string, ns?: string): XmlElement | undefined {
  return el?.children.find((c) => c.local === local && (ns === undefined || c.ns === ns));
}

/** Follows a path of local names, e.g. descend(body, 'Velocity', 'PanTilt'). */
export function descend(el: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let at = el;
  for (const local of path) at = child(at, local);
  return at;
}

/** Trimmed text of the element at a path of local names, or undefined when absent. */
export function textAt(el: XmlElement | undefined, ...path: string[]): string | undefined {
  return descend(el, ...path)?.text.trim();
}

/** An attribute by local name, whatever prefix it was written with. */
export function attrLocal(el: XmlElement | undefined, local: string): string | undefined {
  if (!el) return undefined;
  for (const [name, value] of Object.entries(el.attrs)) {
    if (name === local || name.endsWith(`:${local}`)) return value;
  }
  return undefined;
}

/** Depth-first search for the first element with this local name. */
export function findDeep(el: XmlElement, local: string): XmlElement | undefined {
  if (el.local === local) return el;
  for (const c of el.children) {
    const found = findDeep(c, local);
    if (found) return found;
  }
  return undefined;
}
