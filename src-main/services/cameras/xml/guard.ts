/**
 * Screens XML from a camera before any parser sees it. Cameras are untrusted input (a compromised device, or
 * a man in the middle on plain-HTTP ONVIF): xml2js has no size or depth limits, and the onvif library's
 * namespace-stripping regex is quadratic (research/security.md §4.1: 360 KB blocked the loop for 10 s).
 *
 * One linear pass over the text: rejects DOCTYPE/ENTITY declarations (XXE, billion laughs), nesting deeper
 * than `maxDepth`, malformed tags, and returns the text with `xmlns` attributes removed — what the library's
 * regex did, without its cost — so xml2js yields plain strings for `<tt:Uri xmlns:tt="…">rtsp://…</tt:Uri>`.
 */

export type XmlRejectReason =
  | 'too_large'
  | 'invalid_utf8'
  | 'doctype'
  | 'too_deep'
  | 'too_many_elements'
  | 'malformed'
  | 'empty';

export class XmlRejectedError extends Error {
  constructor(
    readonly reason: XmlRejectReason,
    message: string,
  ) {
    super(message);
    this.name = 'XmlRejectedError';
  }
}

export interface XmlLimits {
  maxBytes: number;
  maxDepth: number;
  /**
   * Bounds the parser's work: xml2js needs ~1.5 µs per element, so 10 000 keep one parse well under the
   * 100 ms the event loop may be blocked. The largest real answer (255 Hikvision presets) has ~1 300.
   */
  maxElements: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxBytes: 2 * 1024 * 1024, maxDepth: 64, maxElements: 10_000 };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes strictly as UTF-8 (ONVIF devices "shall support UTF-8"); a BOM is dropped. */
export function decodeUtf8(bytes: Uint8Array, limits: XmlLimits = DEFAULT_XML_LIMITS): string {
  if (bytes.byteLength > limits.maxBytes) {
    throw new XmlRejectedError('too_large', `XML body of ${bytes.byteLength} bytes exceeds ${limits.maxBytes}`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new XmlRejectedError('invalid_utf8', 'XML body is not valid UTF-8');
  }
}

/** Decodes and screens a body; returns the text to hand to the parser (xmlns attributes removed). */
export function screenXmlBytes(bytes: Uint8Array, limits: XmlLimits = DEFAULT_XML_LIMITS): string {
  return screenXml(decodeUtf8(bytes, limits), limits);
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isNameEnd = (c: number) => isSpace(c) || c === 0x3e /* > */ || c === 0x2f; /* / */

export function screenXml(text: string, limits: XmlLimits = DEFAULT_XML_LIMITS): string {
  if (text.length > limits.maxBytes) {
    throw new XmlRejectedError('too_large', `XML text of ${text.length} characters exceeds ${limits.maxBytes}`);
  }
  const out: string[] = [];
  const n = text.length;
  let depth = 0;
  let elements = 0;
  let copyFrom = 0;
  let i = 0;
  const malformed = (what: string): never => {
    throw new XmlRejectedError('malformed', `malformed XML: ${what} at offset ${i}`);
  };
  const skipPast = (terminator: string, what: string) => {
    const end = text.indexOf(terminator, i);
    if (end < 0) malformed(`unterminated ${what}`);
    i = end + terminator.length;
  };

  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    i = lt + 1;
    const c = text.charCodeAt(i);
    if (c === 0x3f /* ? */) {
      skipPast('?>', 'processing instruction');
    } else if (c === 0x21 /* ! */) {
      if (text.startsWith('!--', i)) skipPast('-->', 'comment');
      else if (text.startsWith('![CDATA[', i)) skipPast(']]>', 'CDATA section');
      else throw new XmlRejectedError('doctype', 'XML with a DOCTYPE or ENTITY declaration is refused');
    } else if (c === 0x2f /* / */) {
      depth--;
      if (depth < 0) malformed('closing tag without an opening tag');
      skipPast('>', 'closing tag');
    } else {
      i = scanStartTag(text, i, out, copyFrom, malformed);
      copyFrom = i;
      const selfClosing = text.charCodeAt(i - 2) === 0x2f;
      if (++elements > limits.maxElements) {
        throw new XmlRejectedError('too_many_elements', `XML with more than ${limits.maxElements} elements is refused`);
      }
      if (!selfClosing) {
        depth++;
        if (depth > limits.maxDepth) {
          throw new XmlRejectedError('too_deep', `XML nesting deeper than ${limits.maxDepth} levels is refused`);
        }
      }
    }
  }
  if (elements === 0) throw new XmlRejectedError('empty', 'the body holds no XML element');
  out.push(text.slice(copyFrom));
  return out.join('');
}

/**
 * Scans `<name attr="v" …>` starting just after '<'. Appends the text before the tag and the tag itself
 * (minus xmlns attributes) to `out`, returns the index after '>'.
 */
function scanStartTag(
  text: string,
  start: number,
  out: string[],
  copyFrom: number,
  malformed: (what: string) => never,
): number {
  const n = text.length;
  let i = start;
  while (i < n && !isNameEnd(text.charCodeAt(i))) i++;
  if (i === start) malformed('empty tag name');
  const pieces: string[] = [text.slice(copyFrom, i)];
  let keptFrom = i;
  for (;;) {
    const attrStart = i;
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) malformed('unterminated tag');
    const c = text.charCodeAt(i);
    if (c === 0x3e /* > */) {
      pieces.push(text.slice(keptFrom, i + 1));
      out.push(pieces.join(''));
      return i + 1;
    }
    if (c === 0x2f /* / */) {
      if (text.charCodeAt(i + 1) !== 0x3e) malformed('"/" inside a tag');
      pieces.push(text.slice(keptFrom, i + 2));
      out.push(pieces.join(''));
      return i + 2;
    }
    const nameStart = i;
    while (i < n && !isSpace(text.charCodeAt(i)) && text.charCodeAt(i) !== 0x3d /* = */) {
      const ch = text.charCodeAt(i);
      if (ch === 0x3e || ch === 0x2f || ch === 0x3c || ch === 0x22 || ch === 0x27) malformed('attribute without value');
      i++;
    }
    const name = text.slice(nameStart, i);
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== 0x3d) malformed('attribute without "="');
    i++;
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    const quote = text.charCodeAt(i);
    if (quote !== 0x22 && quote !== 0x27) malformed('unquoted attribute value');
    const close = text.indexOf(quote === 0x22 ? '"' : "'", i + 1);
    if (close < 0) malformed('unterminated attribute value');
    if (text.slice(i + 1, close).includes('<')) malformed('"<" in an attribute value');
    i = close + 1;
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      pieces.push(text.slice(keptFrom, attrStart));
      keptFrom = i;
    }
  }
}
