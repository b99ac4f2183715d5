import { errorFromReply, type HttpTarget, LAUNCH_HEADER } from './http';
import { fail, ok, type Result } from './result';

/** A 20 MB register over a slow link, then the central server checking every row. */
const UPLOAD_TIMEOUT_MS = 600_000;

/** Bytes sent so far of the whole body. */
export type UploadProgress = (sent: number, total: number) => void;

/**
 * One authenticated POST of a file's raw bytes to the core (e.g. an asset register to /api/assets/import), with
 * upload progress: XMLHttpRequest, because fetch reports none for a request body. Resolves with the reply's
 * `value`; a JSON error reply becomes a ClientError with the core's code.
 */
export function uploadFile(
  target: HttpTarget,
  path: string,
  body: Blob,
  onProgress?: UploadProgress,
): Promise<Result<unknown>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', new URL(path, target.baseUrl).toString());
    xhr.timeout = UPLOAD_TIMEOUT_MS;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    if (target.bearer) xhr.setRequestHeader('authorization', `Bearer ${target.bearer}`);
    if (target.launchToken) xhr.setRequestHeader(LAUNCH_HEADER, target.launchToken);
    if (onProgress)
      xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : body.size);
    xhr.onerror = () => resolve(fail('network', 'the upload to the core failed'));
    xhr.ontimeout = () => resolve(fail('network', 'the upload to the core timed out'));
    xhr.onload = () => {
      let json: unknown = null;
      try {
        json = xhr.responseText ? (JSON.parse(xhr.responseText) as unknown) : null;
      } catch {
        return resolve(fail('bad_response', `HTTP ${xhr.status}: not JSON`, { status: xhr.status }));
      }
      if (xhr.status < 200 || xhr.status >= 300) return resolve(errorFromReply({ status: xhr.status, body: json }));
      const value = typeof json === 'object' && json !== null && 'value' in json ? json.value : undefined;
      resolve(value === undefined ? fail('bad_response', 'The reply has no value.') : ok(value));
    };
    xhr.send(body);
  });
}
