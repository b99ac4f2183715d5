import type { CameraStatus } from '../../../src-shared/contract';
import { statusOf } from './errors';
import type { DeviceProbe } from './onvif/device';
import { folded, type CameraRow } from './repo';

/** online, or clock_skew when the camera's clock is further off than `skewMs` (it still works). */
export function probeStatus(
  clockOffsetMs: number | null,
  skewMs: number,
): { status: CameraStatus; detail: string | null } {
  if (clockOffsetMs === null || Math.abs(clockOffsetMs) <= skewMs) return { status: 'online', detail: null };
  return { status: 'clock_skew', detail: `camera clock differs by ${Math.round(clockOffsetMs / 1000)} s` };
}

/** The columns a successful probe fills in. */
export function probeColumns(probe: DeviceProbe): Partial<CameraRow> {
  return {
    manufacturer: probe.manufacturer,
    model: probe.model,
    firmware: probe.firmware,
    serial: probe.serial,
    ptz: probe.ptz ? 1 : 0,
    ptz_profile_token: probe.ptzProfileToken,
    events: probe.events ? 1 : 0,
    profiles: JSON.stringify(probe.profiles),
    services: JSON.stringify(probe.services),
    auth_mode: probe.mode,
    clock_offset_ms: probe.clockOffsetMs,
  };
}

export interface NewCamera {
  id: string;
  name: string | undefined;
  siteId: string | null;
  host: string;
  port: number;
  username: string;
  secretId: string;
}

/**
 * A new row: from a probe when the camera answered, otherwise with the failure as its status (the demo
 * fleet stores cameras that do not answer yet; their health checks fill the rest in later).
 */
export function newCameraRow(
  fields: NewCamera,
  outcome: { probe: DeviceProbe } | { failure: unknown },
  extra: Partial<CameraRow>,
  options: { at: string; skewMs: number },
): CameraRow {
  const probe = 'probe' in outcome ? outcome.probe : null;
  const name =
    (fields.name ?? '').trim() || (probe ? `${probe.manufacturer} ${probe.model}`.trim() : '') || fields.host;
  const state = probe
    ? probeStatus(probe.clockOffsetMs, options.skewMs)
    : {
        status: statusOf('failure' in outcome ? outcome.failure : null),
        detail: 'failure' in outcome && outcome.failure instanceof Error ? outcome.failure.message.slice(0, 500) : null,
      };
  return {
    id: fields.id,
    name,
    name_folded: folded(name),
    site_id: fields.siteId,
    host: fields.host,
    port: fields.port,
    device_path: '/onvif/device_service',
    username: fields.username,
    secret_id: fields.secretId,
    auth_mode: 'both',
    manufacturer: '',
    model: '',
    firmware: '',
    serial: '',
    status: state.status,
    status_detail: state.detail,
    clock_offset_ms: null,
    ptz: 0,
    ptz_profile_token: null,
    events: 0,
    profiles: '[]',
    services: '{}',
    lat: null,
    lon: null,
    heading_deg: null,
    fov_deg: null,
    added_at: options.at,
    updated_at: options.at,
    last_seen_at: probe ? options.at : null,
    ...(probe ? probeColumns(probe) : {}),
    ...extra,
  };
}
