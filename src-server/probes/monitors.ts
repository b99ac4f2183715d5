import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const Id = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/);
const Common = {
  id: Id,
  name: z.string().trim().min(1).max(200),
  /** Seconds between checks (Uptime Kuma's default 60). Tests use 1. */
  intervalS: z.number().int().min(1).max(86_400).default(60),
  /** Consecutive failures before the monitor is DOWN (Uptime Kuma retries, Zabbix attempts); PENDING until then. */
  downAfter: z.number().int().min(1).max(20).default(3),
};

export const MonitorSchema = z.discriminatedUnion('kind', [
  z
    .object({
      ...Common,
      kind: z.literal('http'),
      url: z.url({ protocol: /^https?$/ }),
      method: z.enum(['GET', 'HEAD']).default('GET'),
      /** Accepted status codes as [from, to] ranges (blackbox exporter: 2xx by default). */
      expectStatus: z
        .array(z.tuple([z.number().int(), z.number().int()]))
        .min(1)
        .default([[200, 299]]),
      /** The page must contain this text (Uptime Kuma "HTTP keyword"). */
      keyword: z.string().min(1).max(200).optional(),
      timeoutS: z.number().min(0.1).max(120).default(10),
      /** A response slower than this raises a "slow" warning. */
      slowMs: z.number().int().min(1).optional(),
      /** Days before the certificate expires at which a warning is raised (Uptime Kuma: 14), and a major one (7). */
      certWarnDays: z.number().int().min(1).max(365).default(14),
      certMajorDays: z.number().int().min(0).max(365).default(7),
      /** PEM file of a private CA (a provincial network's own); the system's trust store otherwise. */
      caFile: z.string().min(1).optional(),
    })
    .strict(),
  z
    .object({
      ...Common,
      kind: z.literal('tcp'),
      host: z.string().min(1).max(253),
      port: z.number().int().min(1).max(65_535),
      timeoutS: z.number().min(0.1).max(120).default(10),
    })
    .strict(),
  z
    .object({
      ...Common,
      kind: z.literal('heartbeat'),
      /** The system pushes `GET|POST /api/heartbeat?token=<token>` at least every intervalS; only its SHA-256 is kept. */
      tokenSha256: z.string().regex(/^[0-9a-f]{64}$/),
    })
    .strict(),
]);
export type Monitor = z.infer<typeof MonitorSchema>;

export const MonitorsFileSchema = z
  .object({ _comment: z.string().optional(), monitors: z.array(MonitorSchema).max(500) })
  .strict()
  .refine((f) => new Set(f.monitors.map((m) => m.id)).size === f.monitors.length, 'repeated monitor id');

export function hashHeartbeatToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** What people see as the target: the URL without credentials or query, or host:port. */
export function targetOf(m: Monitor): string {
  if (m.kind === 'tcp') return `${m.host}:${m.port}`;
  if (m.kind === 'heartbeat') return 'heartbeat';
  const url = new URL(m.url);
  return `${url.protocol}//${url.host}${url.pathname}`;
}

export function loadMonitorsFile(path: string): Monitor[] {
  const parsed = MonitorsFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path} is not a valid monitors file: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`);
  }
  return parsed.data.monitors;
}
