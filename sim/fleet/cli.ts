// `node --import tsx sim/fleet/cli.ts --data-dir <dir> [--cameras <file>] [--no-rtsp-auth] [--log]`
// Environment: IOC_GST_PYTHON, the Python that can import GStreamer's bindings (default /usr/bin/python3).
// Starts the demo fleet, prints `FLEET_READY <manifest path>` and runs until SIGTERM/SIGINT (or until its stdin
// pipe closes, so it never outlives the launcher). Without GStreamer: `FLEET_UNAVAILABLE <reason>`, exit 3.
import { fstatSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { redact } from '../../src-shared/domain/redact';
import { RtspUnavailableError } from '../rtsp';
import { startDemoFleet, type DemoFleet } from './index';

const DEFAULT_CAMERAS = join(import.meta.dirname, '..', '..', 'resources', 'demo', 'cameras.json');

function parseArgs(argv: readonly string[]): { dataDir: string; camerasFile: string; rtspAuth: boolean; log: boolean } {
  let dataDir: string | null = null;
  let camerasFile = DEFAULT_CAMERAS;
  let rtspAuth = true;
  let log = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--data-dir' || arg === '--cameras') {
      const value = argv[++i];
      if (!value) throw new Error(`${arg} needs a value`);
      if (arg === '--data-dir') dataDir = resolve(value);
      else camerasFile = resolve(value);
    } else if (arg === '--no-rtsp-auth') rtspAuth = false;
    else if (arg === '--log') log = true;
    else throw new Error(`unknown option ${arg}; options: --data-dir, --cameras, --no-rtsp-auth, --log`);
  }
  if (!dataDir) throw new Error('--data-dir is required');
  return { dataDir, camerasFile, rtspAuth, log };
}

async function main(): Promise<void> {
  const { log: verbose, ...args } = parseArgs(process.argv.slice(2));
  const log = (line: string) => void process.stderr.write(redact(line) + '\n');
  let fleet: DemoFleet | null = null;
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // Before the fleet is up, startup finishes first and sees `stopping`.
    fleet
      ?.dispose()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        process.stderr.write(`[fleet] shutdown failed: ${redact(String(error))}\n`);
        process.exit(1);
      });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const stdin = fstatSync(0);
  if (stdin.isFIFO() || stdin.isSocket()) {
    process.stdin.on('end', stop);
    process.stdin.resume();
  }

  try {
    const python = process.env.IOC_GST_PYTHON;
    fleet = await startDemoFleet({ ...args, ...(python ? { python } : {}), ...(verbose ? { log } : {}) });
  } catch (error) {
    if (error instanceof RtspUnavailableError) {
      process.stdout.write(`FLEET_UNAVAILABLE ${redact(error.message).replace(/\s+/g, ' ')}\n`);
      process.exit(3);
    }
    throw error;
  }
  if (stopping) {
    await fleet.dispose();
    process.exit(0);
  }
  const h265 = fleet.cameras.filter((c) => c.mainCodec === 'h265').length;
  process.stderr.write(
    `[fleet] ${fleet.cameras.length} simulated cameras (${h265} with H.265 main streams), ` +
      `RTSP feeds on 127.0.0.1:${fleet.rtsp.port}\n`,
  );
  process.stdout.write(`FLEET_READY ${fleet.manifestPath}\n`);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`[fleet] cannot start: ${redact(message)}\n`);
  process.exit(1);
});
