import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';
import { PERSONALITIES } from './personalities';

const loopback = z.string().refine((h) => (isIP(h) === 4 && h.startsWith('127.')) || h === '::1', {
  message: 'the simulator binds loopback addresses only (127.0.0.0/8 or ::1)',
});
const rtspUrl = z.url({ protocol: /^rtsps?$/ });
const encoding = z.enum(['H264', 'H265', 'JPEG']);
const hangOn = z.union([z.string().min(1), z.array(z.string().min(1))]);

const DiscoverySchema = z.object({
  port: z.number().int().min(0).max(65535).default(3702),
  multicast: z.boolean().optional(),
  xaddrs: z.enum(['single', 'multi']).default('single'),
  separator: z.string().regex(/^\s+$/).default(' '),
  typesPrefixed: z.boolean().default(true),
  announce: z.boolean().default(false),
  delayMs: z.number().int().min(0).max(5000).default(0),
});

export const SimCameraOptionsSchema = z.object({
  personality: z.enum(PERSONALITIES),
  host: loopback.default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(0),
  username: z.string().min(1).default('admin'),
  password: z.string().default('admin'),
  auth: z.enum(['digest', 'wsse', 'both', 'none']).default('both'),
  digestAlgorithms: z
    .array(z.enum(['MD5', 'SHA-256']))
    .min(1)
    .default(['MD5']),
  refuseUnauthenticatedTime: z.boolean().default(false),
  clockOffsetMs: z.number().finite().default(0),
  wsseWindowMs: z.number().int().positive().default(60_000),
  nonceTtlMs: z.number().int().positive().default(300_000),
  advertisedHost: z.string().min(1).optional(),
  rtspUrl: rtspUrl.optional(),
  rtspUrls: z.record(z.string(), rtspUrl).default({}),
  videoEncodings: z.record(z.string(), encoding).default({}),
  serialNumber: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
  location: z.string().min(1).optional(),
  hardware: z.string().min(1).optional(),
  motion: z
    .object({ everyMs: z.number().int().min(100), durationMs: z.number().int().min(1).default(3000) })
    .optional(),
  discovery: z.union([z.boolean(), DiscoverySchema.partial()]).default(false),
  slowMs: z.number().int().min(0).default(0),
  hangOn: hangOn.optional(),
  hangAfterBytes: z.number().int().min(0).optional(),
  wholeSecondPtzTimeouts: z.boolean().default(false),
  ptzSpeed: z.number().positive().default(1),
  /** false: a fixed camera — profiles carry no PTZ configuration and PTZ calls answer ActionNotSupported. */
  ptz: z.boolean().default(true),
  log: z.custom<(line: string) => void>((v) => typeof v === 'function').optional(),
  fixturesDir: z.string().default(resolve(import.meta.dirname, '..', '..', 'tests', 'fixtures', 'onvif')),
});

export type SimCameraOptions = z.input<typeof SimCameraOptionsSchema>;
export type ResolvedOptions = Omit<z.output<typeof SimCameraOptionsSchema>, 'discovery'> & {
  discovery: DiscoveryOptions | null;
};
export type DiscoveryOptions = z.output<typeof DiscoverySchema> & { multicast: boolean };

export interface Misbehaviour {
  slowMs: number;
  hangOn: readonly string[] | null;
  hangAfterBytes: number | null;
}

export function resolveOptions(input: SimCameraOptions): ResolvedOptions {
  const parsed = SimCameraOptionsSchema.parse(input);
  const d = parsed.discovery;
  let discovery: DiscoveryOptions | null = null;
  if (d !== false) {
    const fields = DiscoverySchema.parse(d === true ? {} : d);
    discovery = { ...fields, multicast: fields.multicast ?? fields.port !== 0 };
  }
  return { ...parsed, discovery };
}

export function initialMisbehaviour(options: ResolvedOptions): Misbehaviour {
  const hang = options.hangOn;
  return {
    slowMs: options.slowMs,
    hangOn: hang === undefined ? null : typeof hang === 'string' ? [hang] : hang,
    hangAfterBytes: options.hangAfterBytes ?? null,
  };
}
