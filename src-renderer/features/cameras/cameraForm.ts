import type { Camera, CommandInput, DiscoveredDevice } from '../../../src-shared/contract';
import type { ClientError } from '../../bridge';

/** The dialog's fields as typed; the core validates them and names the wrong ones. */
export interface CameraFormValues {
  host: string;
  port: string;
  username: string;
  password: string;
  name: string;
  siteId: string;
  lat: string;
  lon: string;
  headingDeg: string;
  fovDeg: string;
}

export const FORM_FIELDS = [
  'host',
  'port',
  'username',
  'password',
  'name',
  'siteId',
  'lat',
  'lon',
  'headingDeg',
  'fovDeg',
] as const satisfies readonly (keyof CameraFormValues)[];
export type FormField = (typeof FORM_FIELDS)[number];

export const EMPTY_FORM: CameraFormValues = {
  host: '',
  port: '80',
  username: '',
  password: '',
  name: '',
  siteId: '',
  lat: '',
  lon: '',
  headingDeg: '',
  fovDeg: '',
};

function text(value: number | null): string {
  return value === null ? '' : String(value);
}

export function formFromCamera(camera: Camera): CameraFormValues {
  return {
    host: camera.host,
    port: String(camera.port),
    username: camera.username,
    password: '',
    name: camera.name,
    siteId: camera.siteId ?? '',
    lat: text(camera.location?.lat ?? null),
    lon: text(camera.location?.lon ?? null),
    headingDeg: text(camera.headingDeg),
    fovDeg: text(camera.fovDeg),
  };
}

export function formFromDiscovery(device: DiscoveredDevice, siteId: string): CameraFormValues {
  return { ...EMPTY_FORM, host: device.host, port: String(device.port), name: device.name ?? '', siteId };
}

/**
 * A number as typed, a decimal comma accepted (Vietnamese writes 10,46). Anything else becomes NaN, which
 * travels as null and comes back from the core as an invalid_input issue on that field.
 */
export function parseNumber(value: string): number {
  const trimmed = value.trim().replace(',', '.');
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

function optionalNumber(value: string): number | null {
  return value.trim() === '' ? null : parseNumber(value);
}

function location(values: CameraFormValues): { lat: number; lon: number } | null {
  if (values.lat.trim() === '' && values.lon.trim() === '') return null;
  return { lat: parseNumber(values.lat), lon: parseNumber(values.lon) };
}

function port(values: CameraFormValues): number | undefined {
  return values.port.trim() === '' ? undefined : parseNumber(values.port);
}

export function toAddInput(values: CameraFormValues): CommandInput<'cameras.add'> {
  const name = values.name.trim();
  const loc = location(values);
  return {
    host: values.host.trim(),
    port: port(values),
    username: values.username,
    password: values.password,
    ...(name ? { name } : {}),
    ...(values.siteId ? { siteId: values.siteId } : {}),
    ...(loc ? { location: loc } : {}),
  };
}

/** What cameras.add cannot carry; sent with cameras.update right after the add. */
export function placementAfterAdd(id: string, values: CameraFormValues): CommandInput<'cameras.update'> | null {
  const headingDeg = optionalNumber(values.headingDeg);
  const fovDeg = optionalNumber(values.fovDeg);
  if (headingDeg === null && fovDeg === null) return null;
  return { id, headingDeg, fovDeg };
}

/** Only what the form can change; an empty password keeps the stored one. */
export function toUpdateInput(id: string, values: CameraFormValues): CommandInput<'cameras.update'> {
  const name = values.name.trim();
  return {
    id,
    ...(name ? { name } : {}),
    siteId: values.siteId || null,
    username: values.username,
    ...(values.password ? { password: values.password } : {}),
    location: location(values),
    headingDeg: optionalNumber(values.headingDeg),
    fovDeg: optionalNumber(values.fovDeg),
  };
}

/** Test what is typed; an edit with no new password tests the stored credentials. */
export function toTestInput(values: CameraFormValues, cameraId: string | null): CommandInput<'cameras.test'> {
  if (cameraId !== null && values.password === '') return { id: cameraId };
  return { host: values.host.trim(), port: port(values), username: values.username, password: values.password };
}

/** invalid_input issues by form field: "location.lat" is the latitude box, "location" both boxes. */
export function fieldIssues(error: ClientError): Partial<Record<FormField, string>> {
  const out: Partial<Record<FormField, string>> = {};
  if (error.code !== 'invalid_input') return out;
  for (const issue of error.issues ?? []) {
    const [first, second] = issue.path.split('.');
    const fields: FormField[] =
      first === 'location'
        ? second === 'lat' || second === 'lon'
          ? [second]
          : ['lat', 'lon']
        : FORM_FIELDS.filter((f) => f === first);
    for (const field of fields) out[field] ??= issue.message;
  }
  return out;
}
