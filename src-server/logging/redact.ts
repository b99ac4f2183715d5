/**
 * The server's log redactor. It mirrors src-main/core/redact.ts rule for rule (the server may share only
 * src-shared with the workstation); if the two ever move into src-shared, this file goes.
 */
const RULES: [RegExp, string][] = [
  // user:password@ in URLs (postgres://, http://).
  [/([a-z][a-z0-9+.-]*:\/\/)[^\s/@:'"]+:[^\s/@'"]*@/gi, '$1***:***@'],
  // password=…, "password":"…", token=…, secret=…, api_key=…
  [
    /("?(?:password|passwd|pwd|token|secret|api_key|apikey|authorization)"?\s*[:=]\s*"?)(?:(?:Bearer|Basic|Digest)\s+)?[^"&\s,}]+/gi,
    '$1***',
  ],
  [/(Bearer\s+)[A-Za-z0-9._~+/=-]+/g, '$1***'],
];

export function redact(text: string): string {
  return RULES.reduce((acc, [pattern, replacement]) => acc.replace(pattern, replacement), text);
}
