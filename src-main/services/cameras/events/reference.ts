import { xmlEscape } from '../xml/escape';

/**
 * The SOAP headers a pull-point subscription must carry: WS-Addressing `To` and every ReferenceParameter
 * echoed back (Axis needs its `SubscriptionId`, Pelco sends one too; the library echoes only Axis's).
 * Each parameter is re-serialised from its local name, namespace and text, so nothing the camera sent is
 * replayed verbatim into our request.
 */
export function subscriptionHeaders(address: string, referenceParameters: readonly ReferenceParameter[]): string {
  return (
    `<a:To s:mustUnderstand="1">${xmlEscape(address)}</a:To>` +
    referenceParameters
      .map(
        (p) =>
          `<${p.local}${p.namespace ? ` xmlns="${xmlEscape(p.namespace)}"` : ''} a:IsReferenceParameter="true">${xmlEscape(p.value)}</${p.local}>`,
      )
      .join('')
  );
}

export interface ReferenceParameter {
  local: string;
  namespace: string | null;
  value: string;
}

const NAME = '[A-Za-z_][\\w.-]{0,63}';

/**
 * The ReferenceParameters of a subscription reference in `text` (a CreatePullPointSubscriptionResponse as
 * the camera sent it), with each child's namespace resolved from its own or the document's declarations.
 * Only simple text children are understood; at most 8.
 */
export function referenceParameters(text: string): ReferenceParameter[] {
  const block = new RegExp(
    `<(?:${NAME}:)?ReferenceParameters\\b[^>]*>([\\s\\S]*?)</(?:${NAME}:)?ReferenceParameters\\s*>`,
  ).exec(text);
  if (!block?.[1]) return [];
  const out: ReferenceParameter[] = [];
  const child = new RegExp(`<(?:(${NAME}):)?(${NAME})((?:\\s[^>]*)?)>([^<]*)</(?:${NAME}:)?\\2\\s*>`, 'g');
  for (const m of block[1].matchAll(child)) {
    if (out.length >= 8) break;
    const [, prefix, local, attrs = '', value = ''] = m;
    if (!local) continue;
    out.push({
      local,
      namespace: namespaceOf(prefix ?? null, attrs, text),
      value: decodeEntities(value.trim()).slice(0, 256),
    });
  }
  return out;
}

function namespaceOf(prefix: string | null, attrs: string, document: string): string | null {
  const attr = prefix ? `xmlns:${prefix}` : 'xmlns';
  const pattern = new RegExp(`\\s${attr.replace(/[.-]/g, (c) => `\\${c}`)}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
  const own = pattern.exec(attrs) ?? (prefix ? pattern.exec(document) : null);
  return own ? (own[1] ?? own[2] ?? null) : null;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]{1,6});/gi, (_, hex: string) => safeChar(Number.parseInt(hex, 16)))
    .replace(/&#(\d{1,7});/g, (_, dec: string) => safeChar(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function safeChar(code: number): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}
