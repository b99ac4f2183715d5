// Shared by `npm start`, `npm test` and `npm run bench`: make a fresh clone ready without a manual step.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Debian packages each purpose needs; GStreamer serves the simulated cameras' RTSP feeds. */
export const DEBIAN_PACKAGES = {
  start: [
    'ffmpeg',
    'python3-gi',
    'gir1.2-gst-rtsp-server-1.0',
    'gstreamer1.0-plugins-base',
    'gstreamer1.0-plugins-good',
    'gstreamer1.0-plugins-bad',
    'gstreamer1.0-plugins-ugly',
    'gstreamer1.0-x',
  ],
  // Xorg's dummy driver with two outputs (and xrandr to check them) for the two-display wall test.
  test: ['chromium', 'xserver-xorg-core', 'xserver-xorg-video-dummy', 'x11-xserver-utils'],
  // The wall latency bench reads the clock burnt into the test feeds by OCR.
  bench: ['tesseract-ocr'],
};

export function log(message) {
  process.stdout.write(`[ioc-wall] ${message}\n`);
}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function lockHash() {
  const lock = join(ROOT, 'package-lock.json');
  return createHash('sha256')
    .update(existsSync(lock) ? readFileSync(lock) : readFileSync(join(ROOT, 'package.json')))
    .digest('hex');
}

/** Runs `npm ci` when node_modules is missing or was installed from another lock file. */
export function ensureNpmPackages() {
  const stamp = join(ROOT, 'node_modules', '.ioc-lock-hash');
  const want = lockHash();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  log('Installing npm packages (npm ci)…');
  // No Electron binary can be fetched on locked-down machines; the browser host serves the same UI.
  const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: process.env.ELECTRON_SKIP_BINARY_DOWNLOAD ?? '1' };
  const status = run('npm', ['ci', '--no-audit', '--no-fund'], { env });
  if (status !== 0) {
    log('npm ci failed. Check the network to the npm registry, then run `npm ci` by hand.');
    process.exit(status);
  }
  writeFileSync(stamp, want);
}

function dpkgInstalled(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

/** Installs missing Debian packages with apt when root; otherwise prints the exact command and goes on. */
export function ensureDebianPackages(purposes) {
  if (process.platform !== 'linux' || spawnSync('which', ['dpkg-query']).status !== 0) return;
  const wanted = [...new Set(purposes.flatMap((p) => DEBIAN_PACKAGES[p] ?? []))];
  const missing = wanted.filter((p) => !dpkgInstalled(p));
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    log(`Missing Debian packages: ${missing.join(', ')}. Install them with:\n    sudo sh -c '${command}'`);
    return;
  }
  log(`Installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (
    run('apt-get', ['update'], { env }) !== 0 ||
    run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env }) !== 0
  ) {
    log(`apt-get failed. Install by hand: ${command}`);
  }
}

function newestMtime(dirs) {
  let newest = 0;
  const walk = (dir) => {
    const result = spawnSync('find', [dir, '-type', 'f', '-printf', '%T@\\n'], { encoding: 'utf8' });
    for (const line of result.stdout.split('\n')) if (line) newest = Math.max(newest, Number(line));
  };
  dirs.filter((d) => existsSync(join(ROOT, d))).forEach((d) => walk(join(ROOT, d)));
  return newest * 1000;
}

/** Builds the renderer when dist/renderer is missing or older than its sources. */
export function ensureRendererBuilt({ force = false } = {}) {
  const index = join(ROOT, 'dist', 'renderer', 'index.html');
  const sourcesChanged =
    !existsSync(index) || newestMtime(['src-renderer', 'src-shared', 'vite.config.ts']) > readMtime(index);
  if (!force && !sourcesChanged) return;
  log('Building the user interface (vite build)…');
  const status = run(process.execPath, [
    join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
    'build',
    '--logLevel',
    'warn',
  ]);
  if (status !== 0) process.exit(status);
}

function readMtime(path) {
  const result = spawnSync('stat', ['-c', '%Y', path], { encoding: 'utf8' });
  return Number(result.stdout.trim()) * 1000;
}

/** The Electron binary, when one is installed; null on machines where it could not be downloaded. */
export function electronBinary() {
  const pathFile = join(ROOT, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(ROOT, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}
