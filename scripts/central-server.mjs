// The embedded central server `npm start` runs beside the workstation (issue 5) unless `--server <url>` names an
// external one: src-server/cli.ts as a child process on a free loopback port, its SQLite file in the data folder.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT, log } from './setup-lib.mjs';
import { spawnTsxChild } from './tsx-child.mjs';

const READY_TIMEOUT_MS = 60_000;

/** Whether the arguments already point the workstation at a central server. */
export function hasServerArg(args) {
  return args.some((a) => a === '--server' || a.startsWith('--server='));
}

/**
 * Starts the server and resolves with `{url, enrolSecret, stop}` once it prints `IOC_SERVER_READY <url>`. The
 * enrolment secret (generated unless IOC_SYNC_ENROL_SECRET is set) goes to both processes through the environment,
 * never the command line. Its stdin stays a pipe from us, so it is not orphaned if this launcher dies.
 */
export function startCentralServerChild(dataDir, { demo, env = {} }) {
  log('Starting the embedded central server (src-server)…');
  const enrolSecret = process.env.IOC_SYNC_ENROL_SECRET || randomBytes(24).toString('base64url');
  const args = [join(ROOT, 'src-server', 'cli.ts'), '--port', '0'];
  args.push('--db', join(dataDir, 'central.sqlite'));
  if (!demo) args.push('--no-demo');
  const { child, stop } = spawnTsxChild(args, { ...process.env, ...env, IOC_SYNC_ENROL_SECRET: enrolSecret });
  return new Promise((resolveStart, rejectStart) => {
    let ready = false;
    const timer = setTimeout(() => {
      void stop().then(() =>
        rejectStart(new Error(`the central server did not start in ${READY_TIMEOUT_MS / 1000} s`)),
      );
    }, READY_TIMEOUT_MS);
    let mqttUrl = null;
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /^IOC_SERVER_READY (\S+)/.exec(line);
      const mqtt = /^IOC_SERVER_MQTT (\S+)/.exec(line);
      if (mqtt) mqttUrl = mqtt[1];
      else if (m && !ready) {
        ready = true;
        clearTimeout(timer);
        log(`Central server ready at ${m[1]}.`);
        resolveStart({ url: m[1], mqttUrl, enrolSecret, stop });
      } else process.stdout.write(`[central] ${line}\n`);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!ready) rejectStart(new Error(`the central server exited (${code ?? signal}) before it was ready`));
      else log(`The central server stopped (exit ${code ?? signal}); the workstation keeps working offline.`);
    });
  });
}
