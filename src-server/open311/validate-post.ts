import type { AttributeValue, ReporterIdentity } from '../cases/create-case';
import type { ReportedFields } from '../cases/insert-case';
import type { ServiceAttribute, ServiceEntry } from '../resources/catalog';
import type { ErrorItem } from './errors';
import type { PostFields, RawValue } from './post-body';
import { readList, readText } from './text-fields';
import { parseW3cDatetime } from './w3c-datetime';

export interface ValidReport extends ReportedFields {
  attributes: Record<string, AttributeValue>;
  reporter: ReporterIdentity | null;
}

const DECIMAL = /^[+-]?\d{1,3}(\.\d{1,15})?$/;
const NUMBER = /^[+-]?\d{1,16}(\.\d{1,15})?$/;
const EMAIL = /^[^\s@<>"]{1,64}@[^\s@<>"]{1,253}\.[^\s@<>".]{2,63}$/;
const PHONE = /^\+?[0-9][0-9 ().-]{5,23}$/;

function readCoordinate(
  raw: RawValue | undefined,
  max: number,
  errors: ErrorItem[],
  key: 'lat_invalid' | 'long_invalid',
) {
  if (raw === undefined) return null;
  let value: number;
  if (raw.from === 'form') {
    const text = raw.values.length === 1 ? raw.values[0]!.trim() : null;
    if (text === '') return null;
    if (text === null || !DECIMAL.test(text)) {
      errors.push({ key });
      return null;
    }
    value = Number(text);
  } else {
    if (raw.value === null) return null;
    const v = typeof raw.value === 'string' && DECIMAL.test(raw.value.trim()) ? Number(raw.value) : raw.value;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      errors.push({ key });
      return null;
    }
    value = v;
  }
  if (Math.abs(value) > max) {
    errors.push({ key });
    return null;
  }
  return value;
}

function readMediaUrl(raw: RawValue | undefined, errors: ErrorItem[]): string | null {
  const text = readText('media_url', raw, { max: 2048 }, errors);
  if (text === null) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    errors.push({ key: 'media_url_invalid' });
    return null;
  }
  // Stored and published as a link, never fetched by the server; credentials in it would be published too.
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || !url.hostname) {
    errors.push({ key: 'media_url_invalid' });
    return null;
  }
  return url.href;
}

function readAttribute(def: ServiceAttribute, raw: RawValue, errors: ErrorItem[]): AttributeValue | null {
  const code = def.code;
  const values = readList(raw).filter((v) => v !== '' && v !== null);
  if (values.length === 0) return null;
  if (def.datatype !== 'multivaluelist' && values.length > 1) {
    errors.push({ key: 'attribute_single', params: { code } });
    return null;
  }
  const keys = new Set(def.values.map((v) => v.key));
  switch (def.datatype) {
    case 'number': {
      const v = values[0];
      const n = typeof v === 'number' ? v : typeof v === 'string' && NUMBER.test(v.trim()) ? Number(v) : NaN;
      // Above 2^53 a number is no longer exact: refuse it rather than store a different value.
      if (!Number.isFinite(n) || Math.abs(n) > Number.MAX_SAFE_INTEGER) {
        errors.push({ key: 'attribute_number', params: { code } });
        return null;
      }
      return n;
    }
    case 'datetime': {
      const v = values[0];
      const parsed = typeof v === 'string' ? parseW3cDatetime(v.trim()) : null;
      if (!parsed) {
        errors.push({ key: 'attribute_datetime', params: { code } });
        return null;
      }
      return parsed.date.toISOString();
    }
    case 'string':
    case 'text': {
      const v = values[0];
      const multiline = def.datatype === 'text';
      if (!multiline && typeof v === 'string' && /[\r\n]/.test(v.trim())) {
        errors.push({ key: 'attribute_line_break', params: { code } });
        return null;
      }
      const rule = { max: multiline ? 4000 : 1000, multiline };
      return readText(`attribute[${code}]`, { from: 'json', value: v }, rule, errors);
    }
    case 'singlevaluelist':
    case 'multivaluelist': {
      const chosen: string[] = [];
      for (const v of values) {
        const key = typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : null;
        if (key === null || !keys.has(key)) {
          errors.push({ key: 'attribute_value_invalid', params: { code, value: typeof v === 'string' ? v : '…' } });
          return null;
        }
        if (!chosen.includes(key)) chosen.push(key);
      }
      return def.datatype === 'singlevaluelist' ? chosen[0]! : chosen;
    }
  }
}

/** Checks a POST against the spec and the service definition; every problem found is reported at once. */
export function validateReport(post: PostFields, service: ServiceEntry): ValidReport | ErrorItem[] {
  const errors: ErrorItem[] = [];
  const f = (name: string) => post.fields.get(name);
  const lat = readCoordinate(f('lat'), 90, errors, 'lat_invalid');
  const long = readCoordinate(f('long'), 180, errors, 'long_invalid');
  const addressString = readText('address_string', f('address_string'), { max: 500 }, errors);
  const addressId = readText('address_id', f('address_id'), { max: 100 }, errors);
  const latGiven = f('lat') !== undefined && lat !== null;
  const longGiven = f('long') !== undefined && long !== null;
  if (latGiven !== longGiven) errors.push({ key: 'lat_long_pair' });
  else if (!latGiven && addressString === null && addressId === null && !errors.length)
    errors.push({ key: 'location_missing' });

  const description = readText('description', f('description'), { max: 4000, multiline: true }, errors);
  const mediaUrl = readMediaUrl(f('media_url'), errors);
  const email = readText('email', f('email'), { max: 254 }, errors);
  if (email !== null && !EMAIL.test(email)) errors.push({ key: 'email_invalid' });
  const phone = readText('phone', f('phone'), { max: 32 }, errors);
  if (phone !== null && !PHONE.test(phone)) errors.push({ key: 'phone_invalid' });
  const reporter: ReporterIdentity = {
    firstName: readText('first_name', f('first_name'), { max: 100 }, errors),
    lastName: readText('last_name', f('last_name'), { max: 100 }, errors),
    email,
    phone,
    deviceId: readText('device_id', f('device_id'), { max: 200 }, errors),
    accountId: readText('account_id', f('account_id'), { max: 200 }, errors),
  };

  const attributes: Record<string, AttributeValue> = {};
  for (const [code, raw] of post.attributes) {
    const def = service.attributes.find((a) => a.code === code);
    if (!def) errors.push({ key: 'attribute_unknown', params: { service: service.service_code, code } });
    else if (!def.variable) errors.push({ key: 'attribute_informational', params: { code } });
    else {
      const value = readAttribute(def, raw, errors);
      if (value !== null) attributes[code] = value;
    }
  }
  for (const def of service.attributes) {
    if (def.variable && def.required && !(def.code in attributes) && !errors.some((e) => e.params?.code === def.code)) {
      errors.push({ key: 'attribute_required', params: { code: def.code, description: def.description } });
    }
  }
  if (errors.length > 0) return errors;
  const anyIdentity = Object.values(reporter).some((v) => v !== null);
  return {
    description,
    lat: latGiven ? lat : null,
    long: longGiven ? long : null,
    addressString,
    addressId,
    mediaUrl,
    attributes,
    reporter: anyIdentity ? reporter : null,
  };
}
