import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uploadFile } from './fileUpload';

/** What a test scripts for one exchange: the reply's status, type and the parts its text arrives in. */
interface Script {
  status: number;
  type: string;
  parts: string[];
}

let script: Script;
let sent: { headers: Record<string, string>; uploads: number[] } | null;

/** Enough of XMLHttpRequest for uploadFile: the reply's text grows part by part, as a browser shows it. */
class ScriptedXhr {
  status = 0;
  responseText = '';
  timeout = 0;
  upload: { onprogress: ((event: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = {
    onprogress: null,
  };
  onprogress: (() => void) | null = null;
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  private headers: Record<string, string> = {};
  open() {}
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getResponseHeader(name: string) {
    return name === 'content-type' ? script.type : null;
  }
  send(body: Blob) {
    sent = { headers: this.headers, uploads: [] };
    for (const loaded of [body.size / 2, body.size]) {
      sent.uploads.push(loaded);
      this.upload.onprogress?.({ loaded, total: body.size, lengthComputable: true });
    }
    this.status = script.status;
    for (const part of script.parts) {
      this.responseText += part;
      this.onprogress?.();
    }
    this.onload?.();
  }
}

const target = { baseUrl: 'http://127.0.0.1:1', bearer: 't', launchToken: null };
const file = new Blob(['id,kind,name\n']);
const NDJSON = 'application/x-ndjson; charset=utf-8';

describe('uploading a file with progress lines', () => {
  const real = globalThis.XMLHttpRequest;
  beforeEach(() => {
    sent = null;
    (globalThis as { XMLHttpRequest: unknown }).XMLHttpRequest = ScriptedXhr;
  });
  afterEach(() => {
    (globalThis as { XMLHttpRequest: unknown }).XMLHttpRequest = real;
  });

  it('hands each line to onLine as it arrives, cut anywhere, and resolves with the last line’s value', async () => {
    const lines = [
      { progress: { status: 'validating', processedRows: 0, totalRows: 0 } },
      { progress: { status: 'writing', processedRows: 500, totalRows: 1200 } },
      { progress: { status: 'writing', processedRows: 1200, totalRows: 1200 } },
      { ok: true, value: { status: 'imported', importedRows: 1200 } },
    ];
    const text = lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
    // Cut inside lines and between them, as the network would.
    script = { status: 200, type: NDJSON, parts: [text.slice(0, 30), text.slice(30, 120), text.slice(120)] };
    const seen: unknown[] = [];
    const progress: number[] = [];
    const result = await uploadFile(
      target,
      '/api/assets/import',
      file,
      (s) => progress.push(s),
      (l) => seen.push(l),
    );
    expect(sent!.headers.accept).toMatch(/^application\/x-ndjson/);
    expect(progress).toEqual(sent!.uploads);
    expect(seen).toEqual(lines.slice(0, 3));
    expect(result).toEqual({ ok: true, value: { status: 'imported', importedRows: 1200 } });
  });

  it('reads an error as the last line as the core’s error', async () => {
    const text = `${JSON.stringify({ progress: { status: 'writing', processedRows: 0, totalRows: 9 } })}\n${JSON.stringify(
      { ok: false, error: { code: 'unavailable', message: 'The central server cannot be reached.' } },
    )}`;
    script = { status: 200, type: NDJSON, parts: [text] };
    const result = await uploadFile(target, '/x', file, undefined, () => undefined);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('unavailable');
  });

  it('says so when the stream ends before its outcome', async () => {
    script = { status: 200, type: NDJSON, parts: ['{"progress":{}}\n'] };
    const result = await uploadFile(target, '/x', file, undefined, () => undefined);
    expect(!result.ok && result.error.code).toBe('bad_response');
  });

  it('takes a plain JSON reply or refusal as before, with or without onLine', async () => {
    script = { status: 200, type: 'application/json', parts: ['{"ok":true,', '"value":7}'] };
    expect(await uploadFile(target, '/x', file, undefined, () => undefined)).toEqual({ ok: true, value: 7 });
    expect(await uploadFile(target, '/x', file)).toEqual({ ok: true, value: 7 });
    expect(sent!.headers.accept).toBe('application/json');
    script = {
      status: 403,
      type: 'application/json',
      parts: ['{"ok":false,"error":{"code":"forbidden","message":"needs assets.import"}}'],
    };
    const refused = await uploadFile(target, '/x', file, undefined, () => undefined);
    expect(!refused.ok && refused.error.code).toBe('forbidden');
  });
});
