import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { serviceOf, type ServiceKey } from './soap/ns';
import { parseXml, XmlError, type XmlElement } from './soap/xml';

/** One captured SOAP answer, split so that the body can be replaced while the vendor's envelope stays. */
export interface Capture {
  readonly file: string;
  readonly kind: 'response' | 'fault';
  /** Everything up to and including the Body start tag. */
  readonly head: string;
  readonly body: string;
  /** From the Body end tag on. */
  readonly tail: string;
  /** The prefix this vendor uses for the SOAP envelope namespace (`SOAP-ENV`, `env`, …). */
  readonly envPrefix: string;
}

export interface CaptureSet {
  readonly dir: string;
  get(service: ServiceKey, method: string): Capture | undefined;
  has(service: ServiceKey, method: string): boolean;
  /** Methods with a capture, as `service:Method`. */
  readonly keys: readonly string[];
}

export type CaptureLayout = 'agsh' | 'nvt';

const BODY_OPEN = /<(?:([A-Za-z_][\w.-]*):)?Body\b[^>]*>/;
const BODY_CLOSE = /<\/(?:[A-Za-z_][\w.-]*:)?Body\s*>/g;
const NVT_DIRS: Record<string, ServiceKey> = {
  core: 'device',
  media: 'media',
  ptz: 'ptz',
  events: 'events',
  analytics: 'analytics',
};
const AGSH_PREFIXES: Record<string, ServiceKey> = {
  device: 'device',
  media: 'media',
  ptz: 'ptz',
  events: 'events',
  imaging: 'imaging',
};

/**
 * Renders the few doT constructs in the agsh mock's templates: blocks guarded by `it.bad` (the mock's
 * "make it fail" switch) are dropped, every other block is kept, and `{{=…}}` expressions become empty — the
 * parts they filled (times, pull-point addresses) are computed by the simulator instead.
 */
export function renderAgshTemplate(text: string): string {
  return text
    .replace(/\{\{\?([^}]*)\}\}([\s\S]*?)\{\{\?\}\}/g, (_, cond: string, inner: string) =>
      cond.includes('it.bad') ? '' : inner,
    )
    .replace(/\{\{=[^}]*\}\}/g, '');
}

export function splitEnvelope(file: string, text: string, kind: Capture['kind']): Capture {
  const open = BODY_OPEN.exec(text);
  if (!open) throw new Error(`${file}: no SOAP Body`);
  const headEnd = open.index + open[0].length;
  let close: RegExpExecArray | null = null;
  BODY_CLOSE.lastIndex = headEnd;
  for (let m = BODY_CLOSE.exec(text); m; m = BODY_CLOSE.exec(text)) close = m;
  if (!close) throw new Error(`${file}: no SOAP Body end`);
  return {
    file,
    kind,
    head: text.slice(0, headEnd),
    body: text.slice(headEnd, close.index),
    tail: text.slice(close.index),
    envPrefix: open[1] ?? '',
  };
}

function firstBodyElement(root: XmlElement): XmlElement | undefined {
  return root.children.find((c) => c.local === 'Body')?.children[0];
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

interface Candidate {
  service: ServiceKey;
  method: string;
  capture: Capture;
}

/** What a capture file answers, or null when it is not a usable response/fault for a named method. */
function classify(layout: CaptureLayout, dir: string, path: string, raw: string): Candidate | null {
  const rel = relative(dir, path);
  const name = basename(path);
  let fileService: ServiceKey | undefined;
  let method: string;
  let kind: Capture['kind'];
  let text = raw;
  if (layout === 'nvt') {
    const m = /^(\w+)\.(Response|Error)\.xml$/.exec(name);
    const svcDir = rel.split(/[\\/]/)[0] ?? '';
    fileService = NVT_DIRS[svcDir];
    if (!m || !fileService) return null;
    method = m[1] ?? '';
    kind = m[2] === 'Error' ? 'fault' : 'response';
  } else {
    const m = /^(?:(\w+)\.)?(\w+)\.xml$/.exec(name);
    if (!m) return null;
    fileService = m[1] ? AGSH_PREFIXES[m[1]] : undefined;
    if (m[1] && !fileService) return null;
    method = m[2] ?? '';
    kind = 'response';
    text = renderAgshTemplate(raw);
  }
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (error) {
    // A few agsh files are hand-made and malformed (Error.xml); they are not replayable.
    if (error instanceof XmlError) return null;
    throw error;
  }
  const first = firstBodyElement(root);
  if (!first) return null;
  if (first.local === 'Fault') {
    if (!fileService) return null;
    return { service: fileService, method, capture: splitEnvelope(rel, text, 'fault') };
  }
  const service = serviceOf(first.ns);
  if (!service || first.local !== `${method}Response`) return null;
  if (fileService && fileService !== service) return null;
  return { service, method, capture: splitEnvelope(rel, text, kind) };
}

const cache = new Map<string, Promise<CaptureSet>>();

/** Loads and indexes one personality's captures (cached per process: they are immutable). */
export function loadCaptureSet(dir: string, layout: CaptureLayout): Promise<CaptureSet> {
  const key = `${layout}:${dir}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = buildCaptureSet(dir, layout);
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return pending;
}

async function buildCaptureSet(dir: string, layout: CaptureLayout): Promise<CaptureSet> {
  const index = new Map<string, Capture>();
  for (const path of (await listFiles(dir)).sort()) {
    if (!path.endsWith('.xml')) continue;
    const found = classify(layout, dir, path, await readFile(path, 'utf8'));
    if (!found) continue;
    const key = `${found.service}:${found.method}`;
    const existing = index.get(key);
    // A captured success beats a captured fault for the same method (Hikvision has both for GetServices).
    if (!existing || (existing.kind === 'fault' && found.capture.kind === 'response')) index.set(key, found.capture);
  }
  if (index.size === 0) throw new Error(`no ONVIF captures found in ${dir}`);
  return {
    dir,
    get: (service, method) => index.get(`${service}:${method}`),
    has: (service, method) => index.has(`${service}:${method}`),
    keys: [...index.keys()].sort(),
  };
}
