import type { FastifyInstance } from 'fastify';
import { FormBody } from '../open311/post-body';

export interface UploadedFile {
  field: string;
  /** As the browser sent it: shown back to staff, never used as a path. */
  fileName: string;
  data: Buffer;
}

/**
 * A multipart/form-data body (RFC 7578): its text fields, in order, as a FormBody (so the form readers take it
 * as they take an urlencoded form), and its files. `problem` says why it could not be read; the route answers
 * with a page or an Open311 error of its own instead of Fastify's generic one.
 */
export class MultipartBody extends FormBody {
  constructor(
    entries: readonly (readonly [string, string])[],
    readonly files: readonly UploadedFile[],
    readonly problem: 'too_large' | 'too_many_files' | 'malformed' | null,
    readonly received: number,
  ) {
    super(entries);
  }
}

export interface MultipartLimits {
  /** Total body bytes kept; beyond it the rest is drained and dropped, and the body marked too large. */
  maxBytes: number;
  maxFields: number;
  maxFieldBytes: number;
  maxFiles: number;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
const utf8 = new TextDecoder('utf-8', { fatal: true });

class Malformed extends Error {}

function boundaryOf(contentType: string): string | null {
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

/** `name="…"` / `filename="…"` of a Content-Disposition header, with backslash escapes; null when absent. */
function dispositionParam(header: string, param: string): string | null {
  const m = new RegExp(`;\\s*${param}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header);
  if (m) return m[1]!.replace(/\\(.)/g, '$1');
  const bare = new RegExp(`;\\s*${param}=([^;\\s"]+)`, 'i').exec(header);
  return bare ? bare[1]! : null;
}

export function parseMultipart(body: Buffer, contentType: string, limits: MultipartLimits): MultipartBody {
  const boundary = boundaryOf(contentType);
  if (!boundary) return new MultipartBody([], [], 'malformed', body.length);
  try {
    const { fields, files } = splitParts(body, Buffer.from(`--${boundary}`, 'latin1'), limits);
    return new MultipartBody(fields, files, null, body.length);
  } catch (error) {
    if (error instanceof Malformed) return new MultipartBody([], [], 'malformed', body.length);
    throw error;
  }
}

function splitParts(body: Buffer, delimiter: Buffer, limits: MultipartLimits) {
  const fields: [string, string][] = [];
  const files: UploadedFile[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new Malformed();
  const next = Buffer.concat([CRLF, delimiter]);
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString('latin1') === '--') return { fields, files };
    if (!body.subarray(pos, pos + 2).equals(CRLF)) throw new Malformed();
    const headerEnd = body.indexOf(HEADER_END, pos + 2);
    if (headerEnd < 0 || headerEnd - pos > 4096) throw new Malformed();
    const headers = body.toString('utf8', pos + 2, headerEnd).split('\r\n');
    const end = body.indexOf(next, headerEnd + 4);
    if (end < 0) throw new Malformed();
    const data = body.subarray(headerEnd + 4, end);
    const disposition = headers.find((h) => /^content-disposition:/i.test(h)) ?? '';
    if (!/^content-disposition:\s*form-data/i.test(disposition)) throw new Malformed();
    const name = dispositionParam(disposition, 'name');
    if (name === null || name.length > 100) throw new Malformed();
    const fileName = dispositionParam(disposition, 'filename');
    if (fileName !== null) {
      // A file input left empty arrives as a part with an empty name and no bytes: no file was chosen.
      if (!(fileName === '' && data.length === 0)) {
        if (files.length >= limits.maxFiles) throw new TooManyFiles(limits.maxFiles);
        files.push({ field: name, fileName: fileName.slice(0, 200), data: Buffer.from(data) });
      }
    } else {
      if (fields.length >= limits.maxFields || data.length > limits.maxFieldBytes) throw new Malformed();
      let value: string;
      try {
        value = utf8.decode(data);
      } catch {
        throw new Malformed();
      }
      fields.push([name, value]);
    }
    pos = end + 2;
  }
}

/** More files than the form takes: told apart from a malformed body, the sender gets the limit. */
export class TooManyFiles extends Error {
  constructor(readonly limit: number) {
    super(`at most ${limit} files`);
  }
}

/**
 * Registers the multipart parser on the app, with limits chosen by URL (only the forms that take files get
 * photo-sized ones): the body is buffered up to `maxBytes`; past that it is drained (to `drainBytes`, then the
 * connection is cut) so the route can still answer with a clear page or Open311 error.
 */
export function registerMultipart(
  app: FastifyInstance,
  limitsFor: (url: string) => { limits: MultipartLimits; drainBytes: number },
): void {
  app.addContentTypeParser('multipart/form-data', (req, payload, done) => {
    const { limits, drainBytes } = limitsFor(req.url);
    const chunks: Buffer[] = [];
    let total = 0;
    let finished = false;
    const finish = (value: MultipartBody | Error) => {
      if (finished) return;
      finished = true;
      if (value instanceof Error) done(value);
      else done(null, value);
    };
    payload.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total <= limits.maxBytes) chunks.push(chunk);
      else chunks.length = 0;
      if (total > drainBytes) payload.destroy();
    });
    payload.on('error', (error) => finish(error));
    payload.on('close', () => {
      if (total > drainBytes) finish(new MultipartBody([], [], 'too_large', total));
    });
    payload.on('end', () => {
      if (total > limits.maxBytes) return finish(new MultipartBody([], [], 'too_large', total));
      try {
        finish(parseMultipart(Buffer.concat(chunks), req.headers['content-type'] ?? '', limits));
      } catch (error) {
        if (error instanceof TooManyFiles) finish(new MultipartBody([], [], 'too_many_files', total));
        else finish(error as Error);
      }
    });
  });
}
