import { z } from 'zod';
import type { Preset } from '../../../../src-shared/contract';
import { CameraError } from '../errors';
import { xmlEscape } from '../xml/escape';
import { flatten, textOf } from '../xml/parse';
import type { OnvifDevice } from './device';
import { NS } from '../soap/envelope';
import { callLibrary } from './library-cam';

export interface Velocity {
  pan: number;
  tilt: number;
  zoom: number;
}

/**
 * The camera-side Timeout of a ContinuousMove, whole seconds and at least one: the library sends
 * `PT${ms/1000}S` (PT0.5S), which Tapo firmware cannot parse — it answers garbage and then keeps moving
 * for 180 s (research/onvif.md §5.4). Our own stop timer ends shorter moves.
 */
export function cameraTimeoutMs(timeoutMs: number): number {
  return Math.max(1, Math.ceil(timeoutMs / 1000)) * 1000;
}

const round = (v: number) => Math.round(Math.max(-1, Math.min(1, v)) * 1000) / 1000;

export async function continuousMove(device: OnvifDevice, token: string, v: Velocity, timeoutMs: number) {
  const panTilt = v.pan !== 0 || v.tilt !== 0;
  const zoom = v.zoom !== 0;
  await device.authed(() =>
    callLibrary((done) =>
      device.cam.continuousMove(
        {
          profileToken: xmlEscape(token),
          x: round(v.pan),
          y: round(v.tilt),
          zoom: round(v.zoom),
          timeout: cameraTimeoutMs(timeoutMs),
          // Some firmwares (Sony, Reolink) refuse PanTilt and Zoom in one request; send only what moves.
          ...(panTilt && !zoom ? { onlySendPanTilt: true } : {}),
          ...(zoom && !panTilt ? { onlySendZoom: true } : {}),
        },
        done,
      ),
    ),
  );
}

export async function stop(device: OnvifDevice, token: string) {
  await device.authed(() =>
    callLibrary((done) => device.cam.stop({ profileToken: xmlEscape(token), panTilt: true, zoom: true }, done)),
  );
}

const Num = z.coerce.number().catch(0);
const Status = z
  .object({
    position: z.object({ x: Num, y: Num, zoom: Num }).loose(),
    moveStatus: z.unknown().optional(),
  })
  .loose();

export async function status(device: OnvifDevice, token: string) {
  const raw = await device.authed(() =>
    callLibrary((done) => device.cam.getStatus({ profileToken: xmlEscape(token) }, done)),
  );
  const parsed = Status.safeParse(raw);
  if (!parsed.success) throw new CameraError('bad_response', 'GetStatus: unexpected answer');
  const move = parsed.data.moveStatus;
  const states = typeof move === 'object' && move !== null ? Object.values(move).map((s) => textOf(s)) : [textOf(move)];
  return {
    pan: parsed.data.position.x,
    tilt: parsed.data.position.y,
    zoom: parsed.data.position.zoom,
    moving: states.some((s) => s.toUpperCase() === 'MOVING'),
  };
}

/**
 * Presets keyed by TOKEN, in the camera's order. Our own request: the library's result is keyed by name
 * (255 Hikvision tokens collapse to 31 names) and its token map re-orders numeric tokens.
 */
export async function presets(device: OnvifDevice, token: string): Promise<Preset[]> {
  const ptzUrl = device.cam.uri?.ptz;
  if (!ptzUrl) throw new CameraError('unsupported', 'the camera offers no PTZ service');
  const result = await device.soap(
    new URL(ptzUrl.href),
    `${NS.ptz}/GetPresets`,
    `<GetPresets xmlns="${NS.ptz}"><ProfileToken>${xmlEscape(token)}</ProfileToken></GetPresets>`,
  );
  const response = field(result.body, 'getPresetsResponse');
  const raw = field(response, 'preset');
  const out: Preset[] = [];
  const seen = new Set<string>();
  for (const preset of (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).slice(0, 1000)) {
    const presetToken = textOf(field(field(preset, '$'), 'token'));
    if (!presetToken || seen.has(presetToken)) continue;
    seen.add(presetToken);
    out.push({ token: presetToken.slice(0, 64), name: textOf(field(preset, 'name')).slice(0, 200) });
  }
  return out;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

export async function gotoPreset(device: OnvifDevice, token: string, presetToken: string) {
  await device.authed(() =>
    callLibrary((done) =>
      device.cam.gotoPreset({ profileToken: xmlEscape(token), preset: xmlEscape(presetToken) }, done),
    ),
  );
}

const SetPresetAnswer = z.object({ setPresetResponse: z.object({ presetToken: z.unknown() }).loose() }).loose();

/** Saves the current position; returns the preset as the camera stored it (it picks the token when new). */
export async function setPreset(
  device: OnvifDevice,
  token: string,
  name: string,
  presetToken: string | undefined,
): Promise<Preset> {
  const raw = await device.authed(() =>
    callLibrary((done) =>
      device.cam.setPreset(
        {
          profileToken: xmlEscape(token),
          presetName: xmlEscape(name),
          ...(presetToken ? { presetToken: xmlEscape(presetToken) } : {}),
        },
        done,
      ),
    ),
  );
  const answer = SetPresetAnswer.safeParse(flatten(raw));
  const stored = answer.success ? textOf(answer.data.setPresetResponse.presetToken) : '';
  const finalToken = stored || presetToken;
  if (!finalToken) throw new CameraError('bad_response', 'SetPreset: the camera returned no preset token');
  return { token: finalToken, name };
}

export async function home(device: OnvifDevice, token: string) {
  await device.authed(() =>
    callLibrary((done) => device.cam.gotoHomePosition({ profileToken: xmlEscape(token) }, done)),
  );
}
