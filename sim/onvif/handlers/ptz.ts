import { hasFractionalSeconds, parseDuration } from '../clock';
import { envelopeFor, replayCaptured, replayEdited, type CameraContext, type HandlerTable } from '../context';
import type { PtzController } from '../ptz/controller';
import type { PtzVector } from '../ptz/motion';
import type { PresetError } from '../ptz/presets';
import { presetsXml, readVector, setPresetResponseXml, writeStatus } from '../ptz/xml';
import { faultReply, FAULTS, soapReply, type FaultSpec, type HttpReply } from '../soap/envelope';
import type { SoapRequest } from '../soap/request';
import { child, textAt } from '../soap/xml';

const PRESET_FAULTS: Record<PresetError, FaultSpec> = {
  'no-token': FAULTS.invalidArg('ter:NoToken', 'The requested preset token does not exist'),
  'function-preset': FAULTS.invalidArg('ter:InvalidPreset', 'A special-function preset cannot be changed'),
  'too-many': {
    code: 'Receiver',
    subcodes: ['ter:Action', 'ter:TooManyPresets'],
    reason: 'Maximum number of presets reached',
  },
};

const inUnit = (v: number | undefined, min: number, max: number) => v === undefined || (v >= min && v <= max);

export function createPtzHandlers(ctx: CameraContext, ptz: PtzController): HandlerTable {
  const ptzTokens = new Set(ctx.profiles.filter((p) => p.ptz).map((p) => p.token));
  const allTokens = new Set(ctx.profiles.map((p) => p.token));
  const fault = (method: string, spec: FaultSpec) => faultReply(envelopeFor(ctx, 'ptz', method), spec);
  const done = (method: string) => replayCaptured(ctx, 'ptz', method);

  /** Runs `act` when the request names a profile with a PTZ configuration. */
  const withProfile = (request: SoapRequest, act: () => HttpReply): HttpReply => {
    const token = textAt(request.operation, 'ProfileToken') ?? '';
    if (!allTokens.has(token)) return fault(request.method, FAULTS.invalidArg('ter:NoProfile', `No profile ${token}`));
    if (!ptzTokens.has(token)) {
      return fault(request.method, FAULTS.invalidArg('ter:NoPTZProfile', `Profile ${token} has no PTZ configuration`));
    }
    return act();
  };

  /** Speed factors from a `<Speed>` element (default 1), as units per second. */
  const speedOf = (request: SoapRequest): PtzVector | null => {
    const s = readVector(child(request.operation, 'Speed'));
    if (!inUnit(s.pan, 0, 1) || !inUnit(s.tilt, 0, 1) || !inUnit(s.zoom, 0, 1)) return null;
    const panTilt = s.pan ?? s.tilt ?? 1;
    return {
      pan: (s.pan ?? panTilt) * ptz.speed.pan,
      tilt: (s.tilt ?? panTilt) * ptz.speed.tilt,
      zoom: (s.zoom ?? 1) * ptz.speed.zoom,
    };
  };

  const travel = (request: SoapRequest, target: Partial<PtzVector>) => {
    const speed = speedOf(request);
    if (!speed) return fault(request.method, FAULTS.invalidArg('ter:InvalidSpeed', 'Speed out of range'));
    ptz.head.travel(target, speed);
    return done(request.method);
  };

  const table: HandlerTable = {
    'ptz:ContinuousMove': (request) =>
      withProfile(request, () => {
        const v = readVector(child(request.operation, 'Velocity'));
        if (!inUnit(v.pan, -1, 1) || !inUnit(v.tilt, -1, 1) || !inUnit(v.zoom, -1, 1)) {
          return fault(request.method, FAULTS.invalidArg('ter:InvalidVelocity', 'Velocity out of range'));
        }
        const timeoutText = textAt(request.operation, 'Timeout');
        let timeoutMs = ptz.defaultTimeoutMs;
        if (timeoutText !== undefined) {
          const parsed = parseDuration(timeoutText);
          if (
            parsed === null ||
            parsed <= 0 ||
            (ctx.options.wholeSecondPtzTimeouts && hasFractionalSeconds(timeoutText))
          ) {
            return fault(request.method, FAULTS.invalidArg('ter:InvalidTimeout', `Cannot use Timeout ${timeoutText}`));
          }
          timeoutMs = parsed;
        }
        ptz.head.continuous(
          {
            pan: (v.pan ?? 0) * ptz.speed.pan,
            tilt: (v.tilt ?? 0) * ptz.speed.tilt,
            zoom: (v.zoom ?? 0) * ptz.speed.zoom,
          },
          timeoutMs,
        );
        ctx.log(`PTZ ContinuousMove ${JSON.stringify(v)} for ${timeoutMs} ms`);
        return done(request.method);
      }),

    'ptz:Stop': (request) =>
      withProfile(request, () => {
        const flag = (name: string) => (textAt(request.operation, name) ?? 'true').toLowerCase() !== 'false';
        ptz.head.stop(flag('PanTilt'), flag('Zoom'));
        return done(request.method);
      }),

    'ptz:AbsoluteMove': (request) =>
      withProfile(request, () => {
        const target = readVector(child(request.operation, 'Position'));
        const bad = [target.pan, target.tilt, target.zoom].some((x) => x !== undefined && !Number.isFinite(x));
        if (bad || !inUnit(target.pan, -1, 1) || !inUnit(target.tilt, -1, 1) || !inUnit(target.zoom, 0, 1)) {
          return fault(request.method, FAULTS.invalidArg('ter:InvalidPosition', 'Position out of bounds'));
        }
        return travel(request, target);
      }),

    'ptz:RelativeMove': (request) =>
      withProfile(request, () => {
        const delta = readVector(child(request.operation, 'Translation'));
        if ([delta.pan, delta.tilt, delta.zoom].some((x) => x !== undefined && !Number.isFinite(x))) {
          return fault(request.method, FAULTS.invalidArg('ter:InvalidTranslation', 'Bad translation'));
        }
        const at = ptz.head.position();
        const target: Partial<PtzVector> = {};
        if (delta.pan !== undefined) target.pan = at.pan + delta.pan;
        if (delta.tilt !== undefined) target.tilt = at.tilt + delta.tilt;
        if (delta.zoom !== undefined) target.zoom = at.zoom + delta.zoom;
        return travel(request, target);
      }),

    'ptz:GotoPreset': (request) =>
      withProfile(request, () => {
        const preset = ptz.presets.get(textAt(request.operation, 'PresetToken') ?? '');
        if (!preset) return fault(request.method, PRESET_FAULTS['no-token']);
        if (preset.function) return done(request.method);
        return travel(request, ptz.presets.target(preset));
      }),

    'ptz:GotoHomePosition': (request) => withProfile(request, () => travel(request, ptz.home)),

    'ptz:SetHomePosition': (request) =>
      withProfile(request, () => {
        ptz.home = ptz.head.position();
        return done(request.method);
      }),

    'ptz:SetPreset': (request) =>
      withProfile(request, () => {
        const result = ptz.presets.set(
          textAt(request.operation, 'PresetToken') || undefined,
          textAt(request.operation, 'PresetName'),
          ptz.head.position(),
        );
        if (typeof result === 'string') return fault(request.method, PRESET_FAULTS[result]);
        return soapReply(envelopeFor(ctx, 'ptz', request.method), setPresetResponseXml(result.token));
      }),

    'ptz:RemovePreset': (request) =>
      withProfile(request, () => {
        const result = ptz.presets.remove(textAt(request.operation, 'PresetToken') ?? '');
        return result === true ? done(request.method) : fault(request.method, PRESET_FAULTS[result]);
      }),

    'ptz:GetPresets': (request) =>
      withProfile(request, () =>
        soapReply(
          envelopeFor(ctx, 'ptz', request.method),
          presetsXml(ptz.presets.list(), ctx.spec.presetPositions, ctx.spec.coordDecimals),
        ),
      ),

    'ptz:GetStatus': (request) =>
      withProfile(request, () =>
        replayEdited(ctx, 'ptz', 'GetStatus', (body) =>
          writeStatus(body, ptz.head.status(), ctx.time(ctx.clock.now()), ctx.spec.coordDecimals),
        ),
      ),
  };
  // A camera does only what its capture shows it doing; anything else stays ActionNotSupported.
  return Object.fromEntries(Object.entries(table).filter(([key]) => ctx.captures.has('ptz', key.slice('ptz:'.length))));
}
