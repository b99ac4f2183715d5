import type { Capture, CaptureSet } from './captures';
import type { DeviceClock } from './clock';
import { formatDateTime } from './clock';
import type { ResolvedOptions } from './options';
import type { PersonalitySpec } from './personalities';
import type { SimProfile } from './profiles';
import { rewriteCapturedUrls, type UriContext } from './rewrite';
import type { HttpReply } from './soap/envelope';
import { faultReply, FAULTS, replay } from './soap/envelope';
import type { ServiceKey } from './soap/ns';
import type { SoapRequest } from './soap/request';

/** What every handler of one camera shares. */
export interface CameraContext {
  readonly spec: PersonalitySpec;
  readonly options: ResolvedOptions;
  readonly captures: CaptureSet;
  /** Envelope for answers the simulator computes (the vendor's GetSystemDateAndTime envelope). */
  readonly base: Capture;
  readonly clock: DeviceClock;
  readonly profiles: readonly SimProfile[];
  /** Filled in once the HTTP server listens; the port never changes afterwards. */
  readonly uris: UriContext;
  /** The vendor's xsd:dateTime for a device-time instant. */
  time(deviceMs: number): string;
  log(message: string): void;
  /** Ask the camera to reboot once the current answer is sent. */
  requestReboot(): void;
}

export interface CallInfo {
  /** Path and query of the request, as received. */
  readonly url: URL;
  /** Aborted when the client goes away or the camera restarts. */
  readonly signal: AbortSignal;
}

export type SoapHandler = (request: SoapRequest, call: CallInfo) => HttpReply | Promise<HttpReply>;
/** Handlers keyed `service:Method` (`ptz:ContinuousMove`). */
export type HandlerTable = Partial<Record<string, SoapHandler>>;

export function contextTime(ctx: Pick<CameraContext, 'spec'>, deviceMs: number): string {
  return formatDateTime(deviceMs, ctx.spec.timeDigits);
}

/** The capture for a method, or the envelope used for computed answers. */
export function envelopeFor(ctx: CameraContext, service: ServiceKey, method: string): Capture {
  const capture = ctx.captures.get(service, method);
  return capture && capture.kind === 'response' ? capture : ctx.base;
}

/** Replays a captured answer with its URLs rewritten per the URI contract, or ActionNotSupported. */
export function replayCaptured(ctx: CameraContext, service: ServiceKey, method: string): HttpReply {
  const capture = ctx.captures.get(service, method);
  if (!capture) return faultReply(ctx.base, FAULTS.actionNotSupported);
  return replay(capture, rewriteCapturedUrls(capture.body, ctx.uris));
}

/** Replays the captured answer with `edit` applied to the (URL-rewritten) body. */
export function replayEdited(
  ctx: CameraContext,
  service: ServiceKey,
  method: string,
  edit: (body: string) => string,
): HttpReply {
  const capture = ctx.captures.get(service, method);
  if (!capture) return faultReply(ctx.base, FAULTS.actionNotSupported);
  return replay(capture, edit(rewriteCapturedUrls(capture.body, ctx.uris)));
}
