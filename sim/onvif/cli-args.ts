import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { SimCameraOptions } from './options';
import { isPersonality } from './personalities';
import type { VideoEncoding } from './profiles';

export class CliError extends Error {}

const AUTH_MODES = ['digest', 'wsse', 'both', 'none'] as const;

function fail(message: string): never {
  throw new CliError(message);
}

function readPasswordFile(path: string): string {
  const mode = statSync(path).mode;
  if ((mode & 0o077) !== 0) fail(`${path} is readable by others (mode ${(mode & 0o777).toString(8)}); chmod 600 it`);
  return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
}

function integer(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) fail(`${flag} needs an integer, got ${value}`);
  return n;
}

/** The camera options a command line asks for; throws CliError with a message for the user. */
export function optionsFromArgs(argv: string[]): SimCameraOptions {
  if (argv.some((a) => a === '--password' || a.startsWith('--password='))) {
    fail('--password is not accepted: process arguments are world-readable. Use --password-file');
  }
  const { values } = parseArgs({
    args: argv,
    options: {
      personality: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      username: { type: 'string' },
      'password-file': { type: 'string' },
      auth: { type: 'string' },
      'rtsp-url': { type: 'string' },
      'rtsp-url-for': { type: 'string', multiple: true },
      h265: { type: 'string', multiple: true },
      'advertised-host': { type: 'string' },
      serial: { type: 'string' },
      name: { type: 'string' },
      location: { type: 'string' },
      'clock-offset-ms': { type: 'string' },
      'refuse-unauthenticated-time': { type: 'boolean' },
      'motion-every-ms': { type: 'string' },
      discovery: { type: 'boolean' },
      'discovery-port': { type: 'string' },
      log: { type: 'boolean' },
    },
    strict: true,
  });
  const personality = values.personality ?? '';
  if (!isPersonality(personality)) fail('--personality must be agsh, axis, hikvision or pelco');
  const auth = AUTH_MODES.find((mode) => mode === (values.auth ?? 'both'));
  if (!auth) fail('--auth must be digest, wsse, both or none');
  const rtspUrls: Record<string, string> = {};
  for (const pair of values['rtsp-url-for'] ?? []) {
    const at = pair.indexOf('=');
    if (at < 1) fail(`--rtsp-url-for wants <profileToken>=<rtsp url>, got ${pair}`);
    rtspUrls[pair.slice(0, at)] = pair.slice(at + 1);
  }
  const videoEncodings: Record<string, VideoEncoding> = {};
  for (const token of values.h265 ?? []) videoEncodings[token] = 'H265';
  const discoveryPort = integer(values['discovery-port'], '--discovery-port');
  const motionEvery = integer(values['motion-every-ms'], '--motion-every-ms');
  const passwordFile = values['password-file'];
  return {
    personality,
    auth,
    rtspUrls,
    videoEncodings,
    ...(values.host !== undefined && { host: values.host }),
    ...(values.port !== undefined && { port: integer(values.port, '--port') }),
    ...(values.username !== undefined && { username: values.username }),
    ...(passwordFile !== undefined && { password: readPasswordFile(passwordFile) }),
    ...(values['rtsp-url'] !== undefined && { rtspUrl: values['rtsp-url'] }),
    ...(values['advertised-host'] !== undefined && { advertisedHost: values['advertised-host'] }),
    ...(values.serial !== undefined && { serialNumber: values.serial }),
    ...(values.name !== undefined && { name: values.name }),
    ...(values.location !== undefined && { location: values.location }),
    ...(values['clock-offset-ms'] !== undefined && {
      clockOffsetMs: integer(values['clock-offset-ms'], '--clock-offset-ms'),
    }),
    ...(values['refuse-unauthenticated-time'] && { refuseUnauthenticatedTime: true }),
    ...(motionEvery !== undefined && { motion: { everyMs: motionEvery } }),
    ...((values.discovery || discoveryPort !== undefined) && { discovery: { port: discoveryPort ?? 3702 } }),
    ...(values.log && { log: (line: string) => process.stderr.write(`${line}\n`) }),
  };
}
