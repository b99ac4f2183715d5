import type { FastifyReply } from 'fastify';

/** Markup that is already safe to send; everything else interpolated into `html` is escaped. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = SafeHtml | string | number | null | undefined | readonly Part[];

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function render(part: Part): string {
  if (part === null || part === undefined) return '';
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

/** A template tag that escapes every interpolated value unless it is already SafeHtml (nested `html`). */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/**
 * No script at all, styles only from this page's own <style>, forms only back to us, no framing: a page that
 * shows citizens' text cannot run it, and cannot be clickjacked.
 */
export const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'";

const STYLE = `
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1a1a1a;background:#f5f6f8}
main{max-width:40rem;margin:0 auto;padding:1rem}
header{background:#b71c1c;color:#fff;padding:.75rem 1rem}
header a{color:#fff;text-decoration:none;font-weight:600}
h1{font-size:1.35rem;margin:.5rem 0}
h2{font-size:1.1rem;margin:1.25rem 0 .5rem}
section>h2:first-child{margin-top:0}
section{background:#fff;border-radius:8px;padding:1rem;margin:.75rem 0;box-shadow:0 1px 2px #0002}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem .75rem;margin:0}
dt{color:#555}dd{margin:0}
ol.timeline{list-style:none;padding:0;margin:0}
ol.timeline li{border-left:3px solid #b71c1c;padding:0 0 .75rem .75rem}
time{color:#555;font-size:.9rem}
label{display:block;margin:.5rem 0 .25rem}
input,textarea,select,button{font:inherit;padding:.5rem;box-sizing:border-box;max-width:100%}
input[type=text],input[type=password],textarea,select{width:100%}
button{background:#b71c1c;color:#fff;border:0;border-radius:6px;padding:.6rem 1rem;margin-top:.5rem}
.code{font-family:ui-monospace,monospace;font-size:1.1rem;letter-spacing:.05em}
.state{display:inline-block;background:#e8eaf6;border-radius:4px;padding:0 .4rem}
.notice{background:#e8f5e9}.error{background:#ffebee}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.35rem;border-bottom:1px solid #ddd}
img{max-width:100%;height:auto}
.photos{display:grid;grid-template-columns:repeat(auto-fill,minmax(7.5rem,1fr));gap:.5rem;list-style:none;padding:0;margin:.5rem 0}
.photos img{display:block;width:100%;height:auto;aspect-ratio:4/3;object-fit:cover;border-radius:4px}
`;

export function page(options: { title: string; home: string; homeLabel: string; body: SafeHtml }): SafeHtml {
  return html`<!doctype html>
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>${options.title}</title>
        <style>
          ${new SafeHtml(STYLE)}
        </style>
      </head>
      <body>
        <header><a href="${options.home}">${options.homeLabel}</a></header>
        <main>${options.body}</main>
      </body>
    </html> `;
}

/** Sends a page with the strict CSP and headers that keep it out of caches and frames. */
export function sendPage(reply: FastifyReply, status: number, body: SafeHtml): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', PAGE_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'same-origin')
    .header('cache-control', 'no-store')
    .send(body.value);
}
