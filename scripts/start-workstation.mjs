// What `npm start` runs once the machine is ready (scripts/start.mjs): the demo camera fleet, the simulated sensors
// and government systems, the embedded central server (unless `--server <url>` names an external one), and the
// workstation (Electron, or the core serving the browser UI). Its own module so a test can run this wiring as it
// is, without the setup steps (npm ci, apt-get, vite build) that start.mjs does first.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { hasServerArg, startCentralServerChild } from './central-server.mjs';
import { startDemoFeedsChild } from './demo-feeds.mjs';
import { coreDataDir, startDemoFleetChild } from './demo-fleet.mjs';
import { ROOT, electronBinary, log, run } from './setup-lib.mjs';

/** Starts everything for the workstation's command-line arguments `cliArgs`; the process exits when it does. */
export async function startWorkstation(cliArgs) {
  // Simulated cameras first, so the core can onboard them from the manifest (IOC_DEMO_FLEET) as it starts.
  const fleet = cliArgs.includes('--no-demo') ? null : await startDemoFleetChild(coreDataDir(cliArgs));
  // The central server next, unless --server names an external one: the core syncs with it (`--server <its url>`).
  // Simulated sensors and government systems (issue 6) before it: the server probes them and takes their readings.
  const feeds =
    cliArgs.includes('--no-demo') || hasServerArg(cliArgs) ? null : await startDemoFeedsChild(coreDataDir(cliArgs));
  const central = hasServerArg(cliArgs)
    ? null
    : await startCentralServerChild(coreDataDir(cliArgs), {
        demo: !cliArgs.includes('--no-demo'),
        env: feeds?.serverEnv ?? {},
      });
  if (central) feeds?.connect(central.url, central.mqttUrl);
  const args = central ? [...cliArgs, '--server', central.url] : cliArgs;
  const env = {
    ...process.env,
    ...(fleet?.manifestPath ? { IOC_DEMO_FLEET: fleet.manifestPath } : {}),
    ...(central ? { IOC_SYNC_ENROL_SECRET: central.enrolSecret, IOC_SERVER_URL: central.url } : {}),
  };
  const stopChildren = () => Promise.all([fleet?.stop(), feeds?.stop(), central?.stop()]);
  const exitWith = (code) => void stopChildren().then(() => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void stopChildren());

  const electron = electronBinary();
  const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) || process.platform !== 'linux';
  if (electron && hasDisplay && !args.includes('--headless')) {
    if (run(process.execPath, [join(ROOT, 'scripts', 'build-main.mjs')]) !== 0) process.exit(1);
    const child = spawn(electron, [ROOT, ...args], { cwd: ROOT, stdio: 'inherit', env });
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
    child.on('exit', exitWith);
  } else {
    if (!electron && !args.includes('--headless')) log('No Electron binary here: serving the same UI to your browser.');
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src-main', 'core', 'cli.ts'), ...args], {
      cwd: ROOT,
      stdio: ['inherit', 'pipe', 'inherit'],
      env,
    });
    child.stdout.on('data', (chunk) => {
      const text = chunk.toString();
      process.stdout.write(text);
      const ready = /IOC_CORE_READY (\S+)/.exec(text);
      if (ready && !args.includes('--headless')) log(`Mở trình duyệt / open in your browser: ${ready[1]}/`);
    });
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
    child.on('exit', exitWith);
  }
}
