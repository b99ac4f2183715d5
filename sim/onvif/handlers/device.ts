import { replayCaptured, replayEdited, type CameraContext, type HandlerTable } from '../context';
import { escapeXml } from '../soap/xml';

const FIELDS = ['Hour', 'Minute', 'Second', 'Year', 'Month', 'Day'] as const;
type Field = (typeof FIELDS)[number];

function readBlock(block: string): Record<Field, number> | null {
  const read = (f: Field) => {
    const m = new RegExp(`<(?:[\\w.-]+:)?${f}>\\s*(\\d+)\\s*<`).exec(block);
    return m ? Number(m[1]) : NaN;
  };
  const out = {
    Hour: read('Hour'),
    Minute: read('Minute'),
    Second: read('Second'),
    Year: read('Year'),
    Month: read('Month'),
    Day: read('Day'),
  };
  return Object.values(out).some(Number.isNaN) ? null : out;
}

function writeBlock(block: string, ms: number): string {
  const d = new Date(ms);
  const values: Record<Field, number> = {
    Hour: d.getUTCHours(),
    Minute: d.getUTCMinutes(),
    Second: d.getUTCSeconds(),
    Year: d.getUTCFullYear(),
    Month: d.getUTCMonth() + 1,
    Day: d.getUTCDate(),
  };
  return FIELDS.reduce(
    (acc, f) => acc.replace(new RegExp(`(<([\\w.-]+:)?${f}>)\\s*\\d+\\s*(</\\2?${f}>)`), `$1${values[f]}$3`),
    block,
  );
}

const asMs = (v: Record<Field, number>) => Date.UTC(v.Year, v.Month - 1, v.Day, v.Hour, v.Minute, v.Second);

/**
 * The captured GetSystemDateAndTime with the device clock written in. LocalDateTime keeps the zone offset the
 * capture shows (Axis and Hikvision: UTC−7), so clients that read LocalDateTime as UTC see that skew too.
 */
export function setSystemDateAndTime(body: string, deviceNow: number): string {
  const block = (name: string) => new RegExp(`<((?:[\\w.-]+:)?)${name}>[\\s\\S]*?</\\1${name}>`);
  const utc = block('UTCDateTime').exec(body)?.[0];
  const local = block('LocalDateTime').exec(body)?.[0];
  let out = body;
  if (utc) out = out.replace(utc, writeBlock(utc, deviceNow));
  if (utc && local) {
    const u = readBlock(utc);
    const l = readBlock(local);
    const zone = u && l ? asMs(l) - asMs(u) : 0;
    out = out.replace(local, writeBlock(local, deviceNow + zone));
  }
  return out;
}

function replaceScope(body: string, kind: 'name' | 'location' | 'hardware', value: string | undefined): string {
  if (value === undefined) return body;
  const encoded = escapeXml(encodeURIComponent(value));
  return body.replace(
    new RegExp(`(onvif://www\\.onvif\\.org/${kind}/)[^<\\s]*`, 'g'),
    (_, prefix: string) => `${prefix}${encoded}`,
  );
}

/** GetScopes body (or discovery Scopes text) with the name/location/hardware options applied. */
export function applyScopeOptions(text: string, options: CameraContext['options']): string {
  return replaceScope(
    replaceScope(replaceScope(text, 'name', options.name), 'location', options.location),
    'hardware',
    options.hardware,
  );
}

export function createDeviceHandlers(ctx: CameraContext): HandlerTable {
  return {
    'device:GetSystemDateAndTime': () =>
      replayEdited(ctx, 'device', 'GetSystemDateAndTime', (body) => setSystemDateAndTime(body, ctx.clock.now())),
    'device:GetScopes': () => replayEdited(ctx, 'device', 'GetScopes', (body) => applyScopeOptions(body, ctx.options)),
    'device:GetDeviceInformation': () =>
      replayEdited(ctx, 'device', 'GetDeviceInformation', (body) =>
        ctx.options.serialNumber === undefined
          ? body
          : body.replace(
              /(<([\w.-]+:)?SerialNumber>)[^<]*(<\/\2?SerialNumber>)/,
              `$1${escapeXml(ctx.options.serialNumber)}$3`,
            ),
      ),
    'device:SystemReboot': () => {
      const reply = replayCaptured(ctx, 'device', 'SystemReboot');
      if (reply.status === 200) ctx.requestReboot();
      return reply;
    },
  };
}
