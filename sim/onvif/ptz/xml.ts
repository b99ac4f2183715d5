// Reading PTZ vectors from requests and writing positions, status and presets in the vendor's shape.
import { NS } from '../soap/ns';
import { attrLocal, child, escapeXml, type XmlElement } from '../soap/xml';
import type { PtzVector } from './motion';
import type { Preset } from './presets';

const PAN_TILT_SPACE = 'http://www.onvif.org/ver10/tptz/PanTiltSpaces/PositionGenericSpace';
const ZOOM_SPACE = 'http://www.onvif.org/ver10/tptz/ZoomSpaces/PositionGenericSpace';

/** `<PanTilt x y/>` and `<Zoom x/>` of a vector element; axes left out are undefined. NaN marks a bad number. */
export function readVector(el: XmlElement | undefined): Partial<PtzVector> {
  const panTilt = child(el, 'PanTilt');
  const zoom = child(el, 'Zoom');
  const num = (text: string | undefined) => (text === undefined ? undefined : Number(text.trim() || 'NaN'));
  const out: Partial<PtzVector> = {};
  const pan = num(attrLocal(panTilt, 'x'));
  const tilt = num(attrLocal(panTilt, 'y'));
  const z = num(attrLocal(zoom, 'x'));
  if (pan !== undefined) out.pan = pan;
  if (tilt !== undefined) out.tilt = tilt;
  if (z !== undefined) out.zoom = z;
  return out;
}

export function formatCoord(value: number, decimals: number | null): string {
  return decimals === null ? String(Number(value.toPrecision(9))) : value.toFixed(decimals);
}

/** The captured GetStatus body with the current position, move status and device time written in. */
export function writeStatus(
  body: string,
  status: { position: PtzVector; panTiltMoving: boolean; zoomMoving: boolean },
  utcTime: string,
  decimals: number | null,
): string {
  const f = (v: number) => formatCoord(v, decimals);
  const setAttr = (tag: string, name: string, value: string) =>
    tag.replace(new RegExp(`(\\s${name}=")[^"]*(")`), `$1${value}$2`);
  return body
    .replace(/<((?:[\w.-]+:)?)Position>[\s\S]*?<\/\1Position>/, (block) =>
      block
        .replace(/<(?:[\w.-]+:)?PanTilt\b[^>]*>/, (tag) =>
          setAttr(setAttr(tag, 'x', f(status.position.pan)), 'y', f(status.position.tilt)),
        )
        .replace(/<(?:[\w.-]+:)?Zoom\b[^>]*>/, (tag) => setAttr(tag, 'x', f(status.position.zoom))),
    )
    .replace(/<((?:[\w.-]+:)?)MoveStatus>[\s\S]*?<\/\1MoveStatus>/, (block) =>
      block
        .replace(/(<((?:[\w.-]+:)?)PanTilt>)[^<]*(<\/\2PanTilt>)/, `$1${status.panTiltMoving ? 'MOVING' : 'IDLE'}$3`)
        .replace(/(<((?:[\w.-]+:)?)Zoom>)[^<]*(<\/\2Zoom>)/, `$1${status.zoomMoving ? 'MOVING' : 'IDLE'}$3`),
    )
    .replace(/(<((?:[\w.-]+:)?)UtcTime>)[^<]*(<\/\2UtcTime>)/, `$1${utcTime}$3`);
}

export function positionXml(position: PtzVector, decimals: number | null): string {
  const f = (v: number) => formatCoord(v, decimals);
  return (
    `<tt:PanTilt space="${PAN_TILT_SPACE}" x="${f(position.pan)}" y="${f(position.tilt)}"/>` +
    `<tt:Zoom space="${ZOOM_SPACE}" x="${f(position.zoom)}"/>`
  );
}

export function presetsXml(presets: readonly Preset[], withPositions: boolean, decimals: number | null): string {
  const items = presets.map((p) => {
    const name = p.name === null ? '' : `<tt:Name>${escapeXml(p.name)}</tt:Name>`;
    const position =
      withPositions && p.position ? `<tt:PTZPosition>${positionXml(p.position, decimals)}</tt:PTZPosition>` : '';
    return `<tptz:Preset token="${escapeXml(p.token)}">${name}${position}</tptz:Preset>`;
  });
  return `<tptz:GetPresetsResponse xmlns:tptz="${NS.ptz}" xmlns:tt="${NS.tt}">${items.join('')}</tptz:GetPresetsResponse>`;
}

export function setPresetResponseXml(token: string): string {
  return (
    `<tptz:SetPresetResponse xmlns:tptz="${NS.ptz}">` +
    `<tptz:PresetToken>${escapeXml(token)}</tptz:PresetToken></tptz:SetPresetResponse>`
  );
}
