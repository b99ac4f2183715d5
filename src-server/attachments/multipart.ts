import type { FastifyInstance } from 'fastify';
import { FormBody } from '../open311/post-body';
import { GATE_PREFIX_BYTES, type UploadGates } from './upload-gate';

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
    /** `unauthorized`: the route's upload gate refused the sender before its files were read. */
    readonly problem: 'too_large' | 'too_many_files' | 'malformed' | 'unauthorized' | null,
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

/**
 * The text fields a body sends before its first file part, once that part's headers have arrived (`complete`),
 * or as far as `head` goes. Null when the head is not a multipart body with this boundary.
 */
export function fieldsBeforeFiles(
  head: Buffer,
  contentType: string,
): { fields: [string, string][]; complete: boolean } | null {
  const boundary = boundaryOf(contentType);
  if (!boundary) return null;
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const next = Buffer.concat([CRLF, delimiter]);
  const fields: [string, string][] = [];
  let pos = head.indexOf(delimiter);
  if (pos < 0) return { fields, complete: false };
  for (;;) {
    pos += delimiter.length;
    if (head.length < pos + 2) return { fields, complete: false };
    if (head.subarray(pos, pos + 2).toString('latin1') === '--') return { fields, complete: true };
    const headerEnd = head.indexOf(HEADER_END, pos + 2);
    if (headerEnd < 0) return { fields, complete: false };
    const disposition = head
      .toString('utf8', pos + 2, headerEnd)
      .split('\r\n')
      .find((h) => /^content-disposition:/i.test(h));
    if (disposition === undefined) return null;
    if (dispositionParam(disposition, 'filename') !== null) return { fields, complete: true };
    const end = head.indexOf(next, headerEnd + 4);
    if (end < 0) return { fields, complete: false };
    const name = dispositionParam(disposition, 'name');
    if (name !== null) fields.push([name, head.toString('utf8', headerEnd + 4, end)]);
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
  gates?: UploadGates,
): void {
  app.addContentTypeParser('multipart/form-data', (req, payload, done) => {
    const { limits, drainBytes } = limitsFor(req.url);
    const gate = gates?.find(req.url) ?? null;
    const contentType = req.headers['content-type'] ?? '';
    const chunks: Buffer[] = [];
    let total = 0;
    let finished = false;
    let verdict: Promise<boolean> | null = gate ? null : Promise.resolve(true);
    let refused = false;
    const finish = (value: MultipartBody | Error) => {
      if (finished) return;
      finished = true;
      if (value instanceof Error) done(value);
      else done(null, value);
    };
    // Until the gate has the fields before the first file, the head is kept whole; once refused, nothing is.
    const askGate = () => {
      const head = Buffer.concat(chunks);
      const scan = fieldsBeforeFiles(head, contentType);
      if (scan === null) return (verdict = Promise.resolve(true)); // malformed: the parser says so at the end
      if (!scan.complete && total < GATE_PREFIX_BYTES) return;
      verdict = gate!(req, scan.fields).then(
        (ok) => ok,
        () => false,
      );
      // Refused: answered at once (the sender learns why while still sending); the rest is drained unread.
      void verdict.then((ok) => {
        if (ok) return;
        refused = true;
        chunks.length = 0;
        finish(new MultipartBody([], [], 'unauthorized', total));
      });
    };
    payload.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (!refused && total <= limits.maxBytes) chunks.push(chunk);
      else chunks.length = 0;
      if (verdict === null) askGate();
      if (total > drainBytes) payload.destroy();
    });
    payload.on('error', (error) => finish(error));
    payload.on('close', () => {
      if (total > drainBytes) finish(new MultipartBody([], [], 'too_large', total));
    });
    payload.on('end', () => {
      // A body that ended before any file part and within the gate's prefix cost little: the route judges it.
      void (verdict ?? Promise.resolve(true)).then(
        (ok) => {
          if (!ok || refused) return finish(new MultipartBody([], [], 'unauthorized', total));
          if (total > limits.maxBytes) return finish(new MultipartBody([], [], 'too_large', total));
          try {
            finish(parseMultipart(Buffer.concat(chunks), contentType, limits));
          } catch (error) {
            if (error instanceof TooManyFiles) finish(new MultipartBody([], [], 'too_many_files', total));
            else finish(error as Error);
          }
        },
        (error: unknown) => finish(error as Error),
      );
    });
  });
}
