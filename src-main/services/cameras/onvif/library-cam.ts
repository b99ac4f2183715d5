import { AsyncLocalStorage } from 'node:async_hooks';
import { Cam } from 'onvif';
import { CameraError } from '../errors';
import { rewriteServiceUrl, urlHost, type Reached } from '../net/uri';
import { faultError, type SoapTransport } from '../soap/transport';

type LibraryCallback = (error: Error | null, data?: unknown, xml?: string, status?: number) => void;
export type Done = (error: Error | null, value?: unknown) => void;

/** The shape of Node's legacy url.parse() result that the library reads (`href`, `path`). */
export interface LegacyUrl {
  href: string;
  protocol: string;
  hostname: string;
  port: string;
  pathname: string;
  search: string;
  path: string;
}

export function legacyUrl(url: URL): LegacyUrl {
  return {
    href: url.href,
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port,
    pathname: url.pathname,
    search: url.search,
    path: url.pathname + url.search,
  };
}

interface RequestOptions {
  service?: string;
  url?: LegacyUrl | string;
  body: string;
  action?: string;
  replyTimeout?: number;
}

/** The parts of the onvif library's Cam we call or replace; its bundled typings are `any` throughout. */
export interface LibraryCam {
  uri?: Record<string, LegacyUrl | undefined>;
  media2Support?: boolean;
  path: string;
  getServices(includeCapability: boolean, done: Done): void;
  getCapabilities(done: Done): void;
  getDeviceInformation(done: Done): void;
  getProfiles(done: Done): void;
  getStreamUri(options: { protocol: string; profileToken: string }, done: Done): void;
  getSnapshotUri(options: { profileToken: string }, done: Done): void;
  continuousMove(
    options: {
      profileToken: string;
      x: number;
      y: number;
      zoom: number;
      timeout: number;
      onlySendPanTilt?: boolean;
      onlySendZoom?: boolean;
    },
    done: Done,
  ): void;
  stop(options: { profileToken: string; panTilt: boolean; zoom: boolean }, done: Done): void;
  getStatus(options: { profileToken: string }, done: Done): void;
  gotoPreset(options: { profileToken: string; preset: string }, done: Done): void;
  setPreset(options: { profileToken: string; presetName: string; presetToken?: string }, done: Done): void;
  gotoHomePosition(options: { profileToken: string }, done: Done): void;
}

interface Internals extends LibraryCam {
  _requestPart2(options: RequestOptions, callback: LibraryCallback): void;
  _envelopeHeader(openHeader?: boolean): string;
  _parseUrl(address: string): LegacyUrl | undefined;
}

// A library callback that throws (its parsers index into answers unchecked, research/onvif.md §1.11) would
// otherwise escape from an HTTP callback and never settle the caller's promise.
const pending = new AsyncLocalStorage<(error: unknown) => void>();

/** Runs one callback-style library method as a promise; a throw anywhere in it rejects that promise. */
export function callLibrary(run: (done: Done) => void): Promise<unknown> {
  return new Promise((resolve, reject) => {
    pending.run(reject, () => {
      try {
        run((error, value) => (error ? reject(error) : resolve(value)));
      } catch (error) {
        reject(error);
      }
    });
  });
}

/**
 * The onvif library's Cam with its HTTP layer replaced by ours: every request goes through `transport`
 * (caps, timeouts, XML guard, Digest, UTF-8 WS-Security) to the reached address, never to an XAddr's host.
 */
export function createLibraryCam(options: {
  reached: Reached;
  devicePath: string;
  transport: SoapTransport;
  timeoutMs: number;
}): LibraryCam {
  const { reached, transport } = options;
  const cam = new Cam({
    hostname: reached.host,
    port: reached.port,
    path: options.devicePath,
    autoconnect: false,
    preserveAddress: true,
    timeout: options.timeoutMs,
  }) as unknown as Internals;

  cam._envelopeHeader = (openHeader?: boolean) =>
    '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing">' +
    '<s:Header>' +
    transport.securityHeader() +
    (openHeader
      ? ''
      : '</s:Header><s:Body xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">');

  cam._parseUrl = (address: string) => {
    const url = rewriteServiceUrl(String(address), reached);
    return url ? legacyUrl(url) : undefined;
  };

  cam._requestPart2 = (request: RequestOptions, callback: LibraryCallback) => {
    const settle = pending.getStore();
    const deliver = (...args: Parameters<LibraryCallback>) => {
      try {
        callback(...args);
      } catch (error) {
        settle?.(new CameraError('bad_response', `unexpected answer: ${String(error).slice(0, 200)}`));
      }
    };
    const target = targetUrl(cam, request, reached);
    const action = request.action ?? '';
    if (!target) {
      deliver(new CameraError('unsupported', `the camera offers no ${request.service ?? 'such'} service`));
      return;
    }
    transport
      .post({ url: target, envelope: request.body, action })
      .then((result) =>
        deliver(result.fault ? faultError(action, result) : null, result.rawBody, result.xml, result.status),
      )
      .catch((error: unknown) => deliver(error instanceof Error ? error : new Error(String(error))));
  };
  return cam;
}

function targetUrl(cam: Internals, request: RequestOptions, reached: Reached): URL | null {
  if (request.url !== undefined) {
    const href = typeof request.url === 'string' ? request.url : request.url.href;
    return href ? rewriteServiceUrl(href, reached) : null;
  }
  const url = new URL(`http://${urlHost(reached.host)}:${reached.port}`);
  if (request.service) {
    const known = cam.uri?.[request.service];
    if (!known?.pathname) return null;
    // Path and query only, set on a URL whose host is fixed: a path such as //other-host/ stays a path.
    url.pathname = known.pathname;
    url.search = known.search;
  } else {
    url.pathname = cam.path;
  }
  return url;
}
