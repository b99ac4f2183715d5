import { randomBytes } from 'node:crypto';

/** 32 random bytes, hex: the per-launch secret the core demands from its renderer clients. */
export function createLaunchSecret(): string {
  return randomBytes(32).toString('hex');
}

/** argv for the core. Never carries a secret: /proc/<pid>/cmdline is world-readable. */
export function coreArgs(port: number): string[] {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`invalid port ${port}`);
  return ['--headless', '--port', String(port)];
}

export interface CoreEnvInput {
  readonly base: Readonly<Record<string, string | undefined>>;
  readonly launchSecret: string;
  readonly dataDir: string;
  /** Where electron-builder's extraResources landed; unset in development, where the core finds them itself. */
  readonly resourcesDir?: string;
  /** AES key (hex) for camera passwords, kept under safeStorage by main; null lets the core use its key file. */
  readonly secretsKey?: string | null;
}

// Variables that would let a parent's environment change what code the core runs or leak its secrets.
const STRIPPED_VARIABLES = ['NODE_OPTIONS', 'ELECTRON_RUN_AS_NODE', 'FFREPORT'];

/** Environment for the core: the parent's, minus a few risky variables, plus the launch secret and data dir. */
export function coreEnv(input: CoreEnvInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.base)) {
    if (value !== undefined && !STRIPPED_VARIABLES.includes(name)) env[name] = value;
  }
  env.IOC_LAUNCH_SECRET = input.launchSecret;
  env.IOC_DATA_DIR = input.dataDir;
  if (input.resourcesDir !== undefined) env.IOC_RESOURCES_DIR = input.resourcesDir;
  if (input.secretsKey) env.IOC_SECRETS_KEY = input.secretsKey;
  return env;
}
