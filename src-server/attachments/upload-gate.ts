import type { FastifyRequest } from 'fastify';

/**
 * Decides whether the sender of a multipart body may upload files, from the request (its session cookie, its
 * query) and the text fields sent before the first file part. Asked before the files are buffered, so that an
 * anonymous sender costs a few kilobytes of memory, not a photo's worth per request.
 */
export type UploadGate = (
  req: FastifyRequest,
  fieldsBeforeFiles: readonly (readonly [string, string])[],
) => Promise<boolean>;

/** How far into a body the gate waits for the first file part before it decides on the fields it has. */
export const GATE_PREFIX_BYTES = 64 * 1024;

/** The gates of the routes that take files, by URL; a route without one takes files from anyone it serves. */
export class UploadGates {
  private readonly gates: { pattern: RegExp; gate: UploadGate }[] = [];

  add(pattern: RegExp, gate: UploadGate): void {
    this.gates.push({ pattern, gate });
  }

  find(url: string): UploadGate | null {
    return this.gates.find((g) => g.pattern.test(url))?.gate ?? null;
  }
}
