const RULES: [RegExp, string][] = [
  // user:password@ in URLs (rtsp://, http://, postgres://) — ffmpeg echoes these in its errors.
  [/([a-z][a-z0-9+.-]*:\/\/)[^\s/@:'"]+:[^\s/@'"]*@/gi, '$1***:***@'],
  // password=…, "password":"…", token=…, secret=…
  [
    /("?(?:password|passwd|pwd|token|secret|api_key|apikey|authorization)"?\s*[:=]\s*"?)(?:(?:Bearer|Basic|Digest)\s+)?[^"&\s,}]+/gi,
    '$1***',
  ],
  [/(Bearer\s+)[A-Za-z0-9._~+/=-]+/g, '$1***'],
];

/** The single redactor for every log sink: credentials in URLs, key=value pairs, JSON fields, bearer tokens. */
export function redact(text: string): string {
  return RULES.reduce((acc, [pattern, replacement]) => acc.replace(pattern, replacement), text);
}
