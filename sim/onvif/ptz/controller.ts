import type { CaptureSet } from '../captures';
import { parseDuration } from '../clock';
import type { PersonalitySpec } from '../personalities';
import { child, descend, parseXml, textAt, type XmlElement } from '../soap/xml';
import { PtzHead, type AxisLimits, type PtzLimits, type PtzVector } from './motion';
import { PresetStore, readPresets } from './presets';

/** PTZ state of one camera: the head, its presets and home, and what the capture says about limits. */
export interface PtzController {
  readonly head: PtzHead;
  readonly presets: PresetStore;
  readonly defaultTimeoutMs: number;
  /** Units per second at velocity 1 / Speed 1, per axis. */
  readonly speed: PtzVector;
  home: PtzVector;
  /** A reboot: motion stops where it is. */
  reset(): void;
}

function capturedResponse(captures: CaptureSet, method: string): XmlElement | undefined {
  const capture = captures.get('ptz', method);
  if (!capture || capture.kind !== 'response') return undefined;
  return child(parseXml(capture.head + capture.body + capture.tail), 'Body')?.children[0];
}

function range(
  limits: XmlElement | undefined,
  axis: 'XRange' | 'YRange',
  fallback: [number, number],
): [number, number] {
  const r = descend(limits, 'Range', axis);
  const min = Number(textAt(r, 'Min'));
  const max = Number(textAt(r, 'Max'));
  return Number.isFinite(min) && Number.isFinite(max) && r && max > min ? [min, max] : fallback;
}

function limitsFrom(configuration: XmlElement | undefined): PtzLimits {
  const panTilt = child(configuration, 'PanTiltLimits');
  const zoom = child(configuration, 'ZoomLimits');
  const axis = ([min, max]: [number, number], wraps: boolean): AxisLimits => ({ min, max, wraps });
  return {
    // A dome pans endlessly when its pan limits are the whole generic space.
    pan: axis(range(panTilt, 'XRange', [-1, 1]), range(panTilt, 'XRange', [-1, 1]).join() === '-1,1'),
    tilt: axis(range(panTilt, 'YRange', [-1, 1]), false),
    zoom: axis(range(zoom, 'XRange', [0, 1]), false),
  };
}

/** Null when the capture set has no PTZ service. */
export function createPtzController(
  captures: CaptureSet,
  spec: PersonalitySpec,
  ptzSpeed: number,
  hostNow: () => number,
): PtzController | null {
  const configurations = capturedResponse(captures, 'GetConfigurations');
  if (!configurations) return null;
  const configuration = child(configurations, 'PTZConfiguration');
  const nodes = capturedResponse(captures, 'GetNodes');
  const maxPresets = Number(textAt(child(nodes, 'PTZNode'), 'MaximumNumberOfPresets') ?? 256);
  const presetsResponse = capturedResponse(captures, 'GetPresets');
  const status = capturedResponse(captures, 'GetStatus');
  const panTilt = descend(status, 'PTZStatus', 'Position', 'PanTilt');
  const zoom = descend(status, 'PTZStatus', 'Position', 'Zoom');
  const initial: PtzVector = {
    pan: Number(panTilt?.attrs.x ?? 0) || 0,
    tilt: Number(panTilt?.attrs.y ?? 0) || 0,
    zoom: Number(zoom?.attrs.x ?? 0) || 0,
  };
  const head = new PtzHead(limitsFrom(configuration), initial, hostNow);
  const presets = new PresetStore(
    spec.presetTokens,
    Number.isInteger(maxPresets) && maxPresets > 0 ? maxPresets : 256,
    presetsResponse ? readPresets(presetsResponse, spec.functionPresets) : [],
  );
  const defaultTimeoutMs = parseDuration(textAt(configuration, 'DefaultPTZTimeout') ?? '') ?? 10_000;
  return {
    head,
    presets,
    defaultTimeoutMs,
    speed: { pan: ptzSpeed, tilt: ptzSpeed, zoom: ptzSpeed / 2 },
    home: { pan: 0, tilt: 0, zoom: 0 },
    reset() {
      head.stop(true, true);
    },
  };
}
