// node --import tsx sim/onvif/cli.ts --personality axis --port 0 --password-file <0600 file> [...]
// Prints `SIM_ONVIF_READY <device service URL>` once listening. See README.md for every flag.
import { fstatSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { startSimCamera, type SimCamera } from './camera';
import { optionsFromArgs } from './cli-args';

/** stdin commands: `motion [ms]`, `clock <offsetMs>`, `restart [downMs]`. */
async function command(camera: SimCamera, line: string): Promise<void> {
  const [verb, arg] = line.trim().split(/\s+/);
  const n = arg === undefined ? undefined : Number(arg);
  if (verb === 'motion') camera.triggerMotion(n);
  else if (verb === 'clock' && n !== undefined && Number.isFinite(n)) camera.setClockOffset(n);
  else if (verb === 'restart') await camera.restart({ downMs: n ?? 0 });
  else if (verb) process.stderr.write(`sim/onvif: unknown command ${verb}\n`);
}

async function main(): Promise<void> {
  let camera: SimCamera;
  try {
    camera = await startSimCamera(optionsFromArgs(process.argv.slice(2)));
  } catch (error) {
    process.stderr.write(`sim/onvif: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await camera.dispose();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  // Node's 'pipe' stdio is a socket pair, a shell pipe is a FIFO; a terminal or /dev/null is neither.
  const stdin = fstatSync(0);
  const stdinIsPipe = stdin.isFIFO() || stdin.isSocket();
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => void command(camera, line).catch((e: unknown) => process.stderr.write(`${String(e)}\n`)));
  // A launcher that holds our stdin open and dies takes us with it.
  lines.on('close', () => {
    if (stdinIsPipe) void stop();
  });
  process.stdout.write(`SIM_ONVIF_READY ${camera.url}\n`);
}

void main();
