import { errorFromReply, type HttpTarget, LAUNCH_HEADER } from './http';
import { createJsonLineReader, JSON_LINES_TYPE, type JsonLine } from '../../src-shared/domain/json-lines';
import { fail, ok, type Result } from './result';

/** A 20 MB register over a slow link, then the central server checking every row. */
const UPLOAD_TIMEOUT_MS = 600_000;

/** Bytes sent so far of the whole body. */
export type UploadProgress = (sent: number, total: number) => void;
/** One line the route sent before its reply (e.g. `{progress: …}` of an asset import). */
export type UploadLine = (line: unknown) => void;

/** The reply envelope `{ok, value}` / `{ok: false, error}` as a Result, whether it came whole or as the last line. */
function resultOf(status: number, json: unknown): Result<unknown> {
  if (status < 200 || status >= 300 || (typeof json === 'object' && json !== null && 'ok' in json && !json.ok))
    return errorFromReply({ status, body: json });
  const value = typeof json === 'object' && json !== null && 'value' in json ? json.value : undefined;
  return value === undefined ? fail('bad_response', 'The reply has no value.') : ok(value);
}

const isReply = (value: unknown) => typeof value === 'object' && value !== null && 'ok' in value;

/**
 * One authenticated POST of a file's raw bytes to the core (e.g. an asset register to /api/assets/import), with
 * upload progress: XMLHttpRequest, because fetch reports none for a request body. Resolves with the reply's
 * `value`; a JSON error reply becomes a ClientError with the core's code. With `onLine`, the route is asked for
 * JSON lines: each line before the reply goes to `onLine` as it arrives, and the last line is the reply.
 */
export function uploadFile(
  target: HttpTarget,
  path: string,
  body: Blob,
  onProgress?: UploadProgress,
  onLine?: UploadLine,
): Promise<Result<unknown>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', new URL(path, target.baseUrl).toString());
    xhr.timeout = UPLOAD_TIMEOUT_MS;
    xhr.setRequestHeader('accept', onLine ? `${JSON_LINES_TYPE}, application/json` : 'application/json');
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    if (target.bearer) xhr.setRequestHeader('authorization', `Bearer ${target.bearer}`);
    if (target.launchToken) xhr.setRequestHeader(LAUNCH_HEADER, target.launchToken);
    if (onProgress)
      xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : body.size);

    const lines = createJsonLineReader();
    let read = 0;
    let reply: JsonLine | null = null;
    const streamed = () =>
      xhr.status >= 200 &&
      xhr.status < 300 &&
      (xhr.getResponseHeader('content-type') ?? '').startsWith(JSON_LINES_TYPE);
    const take = (found: JsonLine[]) => {
      for (const line of found) {
        if (line.ok && !isReply(line.value)) onLine?.(line.value);
        else reply = line;
      }
    };
    // Each part of the reply as it arrives: the lines so far, the last one possibly still incomplete.
    xhr.onprogress = () => {
      if (!onLine || !streamed()) return;
      take(lines.push(xhr.responseText.slice(read)));
      read = xhr.responseText.length;
    };

    xhr.onerror = () => resolve(fail('network', 'the upload to the core failed'));
    xhr.ontimeout = () => resolve(fail('network', 'the upload to the core timed out'));
    xhr.onload = () => {
      if (onLine && streamed()) {
        take([...lines.push(xhr.responseText.slice(read)), ...lines.end()]);
        const last = reply as JsonLine | null;
        if (last === null) return resolve(fail('bad_response', 'The reply ended before its outcome.'));
        if (!last.ok) return resolve(fail('bad_response', `HTTP ${xhr.status}: a line is not JSON`));
        return resolve(resultOf(xhr.status, last.value));
      }
      let json: unknown = null;
      try {
        json = xhr.responseText ? (JSON.parse(xhr.responseText) as unknown) : null;
      } catch {
        return resolve(fail('bad_response', `HTTP ${xhr.status}: not JSON`, { status: xhr.status }));
      }
      resolve(resultOf(xhr.status, json));
    };
    xhr.send(body);
  });
}
