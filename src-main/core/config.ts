import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { basemapStyleOrigin } from '../../src-shared/basemap';

export interface CoreConfig {
  host: string;
  port: number;
  dataDir: string;
  headless: boolean;
  demo: boolean;
  rendererDir: string;
  resourcesDir: string;
  /** Offline basemap the UI loads from /basemap/: resources/basemap by default; production may point elsewhere. */
  basemapDir: string;
  /** `--basemap` / `IOC_BASEMAP`: one PMTiles file the map draws instead of the offline basemap. */
  basemapFile: string | null;
  /** `--basemap-style` / `IOC_BASEMAP_STYLE`: an http(s) MapLibre style URL the map draws instead. */
  basemapStyle: string | null;
  launchSecret: string | null;
  allowedOrigins: string[];
  demoPassword: string | null;
  sessionTtlMs: number;
  /** URL of an external central server (`--server`); null runs the embedded one. */
  serverUrl: string | null;
  /** `IOC_SYNC_ENROL_SECRET`: lets this workstation enrol itself with the central server (demo/embedded). */
  syncEnrolSecret: string | null;
  /** `IOC_DEMO_FLEET`: manifest of the simulated demo cameras to onboard on first start (sim/fleet writes it). */
  demoFleet: string | null;
  /** `IOC_SECRETS_KEY`: 64 hex digits from the Electron host (safeStorage); null keeps the key in the data folder. */
  secretsKey: string | null;
  /** `IOC_MEDIA_TICKET_IDLE_MS` / `IOC_MEDIA_TICKET_MAX_AGE_MS`: shorter video-link lifetimes, for tests only. */
  mediaTicketLifetimes?: { idleMs?: number; maxAgeMs?: number };
  /** `IOC_STREAM_INGEST`: `native` (default: H.264 read in the core) or `ffmpeg` (one ffmpeg per stream). */
  streamIngest: 'native' | 'ffmpeg';
}

export class ConfigError extends Error {}

/** The per-user application data folder, matching Electron's `app.getPath('userData')` for this app. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'IOC Wall');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'IOC Wall');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'IOC Wall');
}

const FLAGS_WITH_VALUE = new Set([
  '--port',
  '--host',
  '--data-dir',
  '--server',
  '--renderer-dir',
  '--basemap-dir',
  '--basemap',
  '--basemap-style',
]);
const BOOLEAN_FLAGS = new Set(['--headless', '--no-demo', '--demo']);

/** Reads argv and env. Secrets only ever come from env, never argv (argv is world-readable in /proc). */
export function parseConfig(argv: readonly string[], env: NodeJS.ProcessEnv, appRoot: string): CoreConfig {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [name, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    if (FLAGS_WITH_VALUE.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith('--')) throw new ConfigError(`${name} needs a value.`);
      values.set(name, value);
    } else if (BOOLEAN_FLAGS.has(name)) flags.add(name);
    else
      throw new ConfigError(`Unknown option ${arg}. Options: ${[...FLAGS_WITH_VALUE, ...BOOLEAN_FLAGS].join(', ')}.`);
  }
  const portText = values.get('--port') ?? env.IOC_PORT ?? '8080';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`--port must be 0–65535, not "${portText}".`);
  // IOC_SERVER_URL too: the Electron host starts the core with its own argv but passes the environment on.
  const serverUrl = values.get('--server') ?? (env.IOC_SERVER_URL || null);
  if (serverUrl !== null && !/^https?:\/\/[^\s]+$/.test(serverUrl))
    throw new ConfigError(`--server must be an http(s) URL, not "${serverUrl}".`);
  const { basemapFile, basemapStyle } = basemapOf(values, env);
  return {
    host: values.get('--host') ?? env.IOC_HOST ?? '127.0.0.1',
    port,
    dataDir: resolve(values.get('--data-dir') ?? env.IOC_DATA_DIR ?? defaultDataDir(env)),
    headless: flags.has('--headless'),
    demo: !flags.has('--no-demo'),
    rendererDir: resolve(values.get('--renderer-dir') ?? join(appRoot, 'dist', 'renderer')),
    // Packaged apps keep resources/ outside app.asar; the Electron host says where.
    resourcesDir: resolve(env.IOC_RESOURCES_DIR ?? join(appRoot, 'resources')),
    basemapDir: resolve(
      values.get('--basemap-dir') ?? join(env.IOC_RESOURCES_DIR ?? join(appRoot, 'resources'), 'basemap'),
    ),
    basemapFile,
    basemapStyle,
    launchSecret: env.IOC_LAUNCH_SECRET || null,
    allowedOrigins: env.IOC_LAUNCH_SECRET ? ['app://ioc'] : [],
    demoPassword: env.IOC_DEMO_PASSWORD || null,
    sessionTtlMs: 12 * 3600_000,
    serverUrl,
    syncEnrolSecret: env.IOC_SYNC_ENROL_SECRET || null,
    demoFleet: env.IOC_DEMO_FLEET ? resolve(env.IOC_DEMO_FLEET) : null,
    secretsKey: env.IOC_SECRETS_KEY || null,
    mediaTicketLifetimes: {
      idleMs: optionalMs(env, 'IOC_MEDIA_TICKET_IDLE_MS'),
      maxAgeMs: optionalMs(env, 'IOC_MEDIA_TICKET_MAX_AGE_MS'),
    },
    streamIngest: streamIngestOf(env.IOC_STREAM_INGEST),
  };
}

/** `--basemap` must name an existing .pmtiles file, `--basemap-style` an http(s) URL; not both. */
function basemapOf(
  values: ReadonlyMap<string, string>,
  env: NodeJS.ProcessEnv,
): Pick<CoreConfig, 'basemapFile' | 'basemapStyle'> {
  const file = values.get('--basemap') ?? (env.IOC_BASEMAP || null);
  const style = values.get('--basemap-style') ?? (env.IOC_BASEMAP_STYLE || null);
  if (file !== null && style !== null)
    throw new ConfigError('Use either --basemap (a PMTiles file) or --basemap-style (a style URL), not both.');
  if (style !== null && basemapStyleOrigin(style) === null)
    throw new ConfigError(`--basemap-style must be an http(s) URL, not "${style}".`);
  if (file === null) return { basemapFile: null, basemapStyle: style };
  if (!file.toLowerCase().endsWith('.pmtiles'))
    throw new ConfigError(`--basemap must be a .pmtiles file, not "${file}".`);
  const path = resolve(file);
  if (!statSync(path, { throwIfNoEntry: false })?.isFile())
    throw new ConfigError(`--basemap file "${path}" does not exist or is not a file.`);
  return { basemapFile: path, basemapStyle: null };
}

function streamIngestOf(text: string | undefined): CoreConfig['streamIngest'] {
  if (!text || text === 'native') return 'native';
  if (text === 'ffmpeg') return 'ffmpeg';
  throw new ConfigError(`IOC_STREAM_INGEST must be native or ffmpeg, not "${text}".`);
}

/** A positive whole number of milliseconds from env; unset: undefined (the code's default). */
function optionalMs(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name];
  if (!text) return undefined;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms <= 0)
    throw new ConfigError(`${name} must be a positive number of ms, not "${text}".`);
  return ms;
}
