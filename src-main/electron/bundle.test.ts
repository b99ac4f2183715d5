// Runs the real esbuild bundles of main.ts and preload.ts against a scripted stand-in for the `electron`
// module: no Electron binary exists on CI, but the wiring (startup order, IPC registration, sender checks,
// core launch, window creation, quit) can still be exercised end to end.
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { SHELL_IPC } from '../../src-shared/contract/shell';
import { SHELL_BRIDGE_KEYS } from './shell-bridge';

const here = path.dirname(fileURLToPath(import.meta.url));
const nodeRequire = createRequire(import.meta.url);

async function bundle(entry: string, platform: 'node' | 'browser'): Promise<string> {
  const result = await build({
    entryPoints: [path.join(here, entry)],
    bundle: true,
    format: 'cjs',
    platform,
    external: ['electron'],
    write: false,
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (file === undefined) throw new Error('no output');
  return file.text;
}

function evaluate(code: string, fakeElectron: object, globals: { dirname: string; process: object }): void {
  const requireShim = (id: string): unknown => (id === 'electron' ? fakeElectron : nodeRequire(id));
  const module = { exports: {} };
  // The bundle is our own code, compiled a moment ago; this only supplies CommonJS globals.
  const run = new Function('require', 'module', 'exports', '__dirname', 'process', code);
  run(requireShim, module, module.exports, globals.dirname, globals.process);
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  url = '';
  readonly mainFrame = { url: '', origin: '', parent: null };
  reloads = 0;
  setWindowOpenHandler(): void {}
  getURL(): string {
    return this.url;
  }
  reload(): void {
    this.reloads += 1;
  }
}

class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.all;
  }
  readonly webContents = new FakeWebContents();
  readonly calls: string[] = [];
  loadedUrl = '';
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.all.push(this);
    onWebContentsCreated?.(this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.url = url;
  }
  isDestroyed = () => false;
  isMinimized = () => false;
  isKiosk = () => false;
  isFullScreen = () => false;
  show = () => void this.calls.push('show');
  focus = () => void this.calls.push('focus');
  restore = () => void this.calls.push('restore');
  close = () => void this.calls.push('close');
  setBounds = (bounds: object) => void this.calls.push(`setBounds ${JSON.stringify(bounds)}`);
  setFullScreen = (on: boolean) => void this.calls.push(`setFullScreen ${on}`);
  setKiosk = (on: boolean) => void this.calls.push(`setKiosk ${on}`);
}

let onWebContentsCreated: ((contents: FakeWebContents) => void) | null = null;

class FakeChild extends EventEmitter {
  killed = false;
  kill(): boolean {
    this.killed = true;
    return true;
  }
}

type Handler = (...args: unknown[]) => unknown;

function fakeElectron(options: { lock: boolean }) {
  const order: string[] = [];
  const appEvents = new EventEmitter();
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const ipc = new Map<string, Handler>();
  const forks: { entry: string; args: string[]; options: { env: Record<string, string>; serviceName: string } }[] = [];
  const children: FakeChild[] = [];
  const session = Object.assign(new EventEmitter(), {
    handlers: new Map<string, Handler>(),
    setPermissionRequestHandler(h: Handler) {
      this.handlers.set('request', h);
    },
    setPermissionCheckHandler(h: Handler) {
      this.handlers.set('check', h);
    },
    setDevicePermissionHandler(h: Handler) {
      this.handlers.set('device', h);
    },
  });
  let protocolHandler: ((request: Request) => Promise<Response>) | null = null;
  const displays = [
    { id: 1, label: 'Main', bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 },
    { id: 2, label: 'Wall', bounds: { x: 1920, y: 0, width: 3840, height: 2160 }, scaleFactor: 2 },
  ];
  let quitCalls = 0;

  const electron = {
    app: {
      isPackaged: false,
      isReady: () => true,
      enableSandbox: () => void order.push('enableSandbox'),
      requestSingleInstanceLock: () => {
        order.push('requestSingleInstanceLock');
        return options.lock;
      },
      quit: () => void (quitCalls += 1),
      exit: () => void order.push('exit'),
      on: (name: string, listener: Handler) => appEvents.on(name, listener),
      whenReady: () => {
        order.push('whenReady');
        return ready;
      },
      getPath: (name: string) => `/home/op/.config/IOC Wall/${name === 'userData' ? '' : name}`,
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => void order.push(`registerSchemes ${JSON.stringify(schemes)}`),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
        order.push(`handle ${scheme}`);
        protocolHandler = handler;
      },
    },
    session: { defaultSession: session },
    screen: Object.assign(new EventEmitter(), {
      getAllDisplays: () => displays,
      getPrimaryDisplay: () => displays[0],
    }),
    Menu: { setApplicationMenu: () => undefined },
    ipcMain: {
      handle: (channel: string, handler: Handler) => void ipc.set(channel, handler),
      removeHandler: (channel: string) => void ipc.delete(channel),
    },
    utilityProcess: {
      fork: (entry: string, args: string[], forkOptions: { env: Record<string, string>; serviceName: string }) => {
        forks.push({ entry, args, options: forkOptions });
        const child = new FakeChild();
        children.push(child);
        return child;
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (s: string) => Buffer.from(s),
      decryptString: (b: Buffer) => b.toString(),
    },
    BrowserWindow: FakeBrowserWindow,
  };
  return {
    electron,
    order,
    appEvents,
    resolveReady,
    ipc,
    forks,
    children,
    session,
    protocol: () => protocolHandler,
    quitCalls: () => quitCalls,
  };
}

function fakeProcess() {
  const lines: string[] = [];
  const proc = Object.create(process, {
    once: { value: () => proc },
    resourcesPath: { value: '/opt/IOC Wall/resources' },
    stderr: { value: { write: (line: string) => lines.push(line) } },
  });
  return { proc, lines };
}

afterEach(() => {
  FakeBrowserWindow.all = [];
  onWebContentsCreated = null;
});

function trustedEvent(window: FakeBrowserWindow) {
  return {
    sender: window.webContents,
    senderFrame: { url: window.loadedUrl, origin: 'app://ioc', parent: null },
  };
}

describe('main bundle', () => {
  it('quits at once when another instance holds the lock', async () => {
    const fake = fakeElectron({ lock: false });
    evaluate(await bundle('main.ts', 'node'), fake.electron, {
      dirname: '/app/dist/electron',
      process: fakeProcess().proc,
    });
    expect(fake.quitCalls()).toBe(1);
    expect(fake.order).not.toContain('whenReady');
    expect(fake.order.slice(0, 2)).toEqual(['enableSandbox', expect.stringContaining('registerSchemes')]);
  });

  it('wires protocol, session, IPC, core and windows', async () => {
    const fake = fakeElectron({ lock: true });
    const { proc } = fakeProcess();
    fake.appEvents.on('web-contents-created', () => undefined);
    onWebContentsCreated = (contents) => fake.appEvents.emit('web-contents-created', {}, contents);
    evaluate(await bundle('main.ts', 'node'), fake.electron, { dirname: '/app/dist/electron', process: proc });

    // Before ready: sandbox, scheme privileges, lock; nothing else yet.
    expect(fake.order).toEqual([
      'enableSandbox',
      'registerSchemes [{"scheme":"app","privileges":{"standard":true,"secure":true,"supportFetchAPI":true,"codeCache":true,"stream":true}}]',
      'requestSingleInstanceLock',
      'whenReady',
    ]);

    fake.resolveReady();
    await tick();
    expect(fake.order).toContain('handle app');
    expect([...fake.session.handlers.keys()].sort()).toEqual(['check', 'device', 'request']);
    expect([...fake.ipc.keys()].sort()).toEqual(
      Object.values(SHELL_IPC)
        .map((spec) => spec.channel)
        .sort(),
    );

    // The core starts once the camera-password key is out of safeStorage (real file I/O: wait for it).
    for (let i = 0; i < 200 && fake.forks.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    // The core: right entry, argv without the secret, secret and data dir in env.
    expect(fake.forks).toHaveLength(1);
    const fork = fake.forks[0]!;
    expect(fork.entry).toBe(path.resolve('/app/dist/core/cli.mjs'));
    expect(fork.args).toEqual(['--headless', '--port', '0']);
    expect(fork.options.serviceName).toBe('ioc-core');
    const secret = fork.options.env.IOC_LAUNCH_SECRET ?? '';
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(fork.args.join(' ')).not.toContain(secret);
    const secretsKey = fork.options.env.IOC_SECRETS_KEY ?? '';
    expect(secretsKey).toMatch(/^[0-9a-f]{64}$/);
    expect(fork.args.join(' ')).not.toContain(secretsKey);
    expect(fork.options.env.IOC_DATA_DIR).toContain('IOC Wall');

    // No window until the core is ready (or the wait times out).
    expect(FakeBrowserWindow.all).toHaveLength(0);
    fake.children[0]!.emit('message', { type: 'ready', url: 'http://127.0.0.1:45678' });
    await tick();
    expect(FakeBrowserWindow.all).toHaveLength(1);
    const control = FakeBrowserWindow.all[0]!;
    expect(control.loadedUrl).toBe('app://ioc/index.html#/');
    expect(control.options.webPreferences).toMatchObject({
      preload: path.resolve('/app/dist/electron/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    });

    // app:// answers with a CSP naming the core.
    const handler = fake.protocol();
    if (handler === null) throw new Error('protocol not registered');
    const response = await handler(new Request('app://ioc/index.html'));
    expect(response.headers.get('content-security-policy')).toContain(
      "connect-src 'self' http://127.0.0.1:45678 ws://127.0.0.1:45678",
    );

    // IPC: trusted sender gets the endpoint; a foreign frame is refused.
    const endpoint = fake.ipc.get(SHELL_IPC.endpoint.channel)!;
    await expect(endpoint(trustedEvent(control))).resolves.toEqual({
      url: 'http://127.0.0.1:45678',
      launchToken: secret,
    });
    await expect(
      endpoint({
        sender: control.webContents,
        senderFrame: { url: 'https://evil.example/', origin: 'https://evil.example', parent: null },
      }),
    ).rejects.toThrow('forbidden');
    await expect(
      endpoint({ sender: new FakeWebContents(), senderFrame: trustedEvent(control).senderFrame }),
    ).rejects.toThrow('forbidden');
    await expect(endpoint(trustedEvent(control), 'extra')).rejects.toThrow('invalid_argument');

    const displays = fake.ipc.get(SHELL_IPC.displays.channel)!;
    await expect(displays(trustedEvent(control))).resolves.toMatchObject([
      { id: '1', primary: true },
      { id: '2', primary: false, bounds: { x: 1920, y: 0, width: 3840, height: 2160 } },
    ]);

    // A wall window lands on its display, fullscreen once shown.
    const openWall = fake.ipc.get(SHELL_IPC.openWallWindow.channel)!;
    await expect(openWall(trustedEvent(control), { displayId: '9' })).resolves.toEqual({
      ok: false,
      reason: 'unknown_display',
    });
    await expect(openWall(trustedEvent(control), { displayId: '2' })).resolves.toEqual({ ok: true });
    const wall = FakeBrowserWindow.all[1]!;
    expect(wall.loadedUrl).toBe('app://ioc/index.html#/wall/2');
    expect(wall.options).toMatchObject({ x: 1920, y: 0, width: 3840, height: 2160 });
    wall.emit('ready-to-show');
    expect(wall.calls).toEqual(['setBounds {"x":1920,"y":0,"width":3840,"height":2160}', 'setFullScreen true', 'show']);

    // Core crash: restart on the same port after a short backoff.
    fake.children[0]!.emit('exit', 1);
    expect(fake.children[0]!.killed).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(fake.forks).toHaveLength(2);
    expect(fake.forks[1]!.args).toEqual(['--headless', '--port', '45678']);
    expect(fake.forks[1]!.options.env.IOC_LAUNCH_SECRET).toBe(secret);

    // Quit: IPC removed, core killed.
    fake.appEvents.emit('will-quit');
    expect(fake.children[1]!.killed).toBe(true);
    expect(fake.ipc.size).toBe(0);
  });
});

describe('preload bundle', () => {
  it('needs nothing but electron and exposes exactly the ShellApi as iocShell', async () => {
    const exposed: { name: string; api: Record<string, unknown> }[] = [];
    const invocations: unknown[][] = [];
    const electron = {
      contextBridge: {
        exposeInMainWorld: (name: string, api: Record<string, unknown>) => void exposed.push({ name, api }),
      },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => {
          invocations.push(args);
          return null;
        },
      },
    };
    const code = await bundle('preload.ts', 'browser');
    const requireOnlyElectron = (id: string): unknown => {
      if (id === 'electron') return electron;
      throw new Error(`sandboxed preload may not require ${id}`);
    };
    const module = { exports: {} };
    new Function('require', 'module', 'exports', code)(requireOnlyElectron, module, module.exports);

    expect(exposed.map((entry) => entry.name)).toEqual(['iocShell']);
    const api = exposed[0]!.api;
    expect(Object.keys(api).sort()).toEqual([...SHELL_BRIDGE_KEYS].sort());
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
    const secretGet = api.secretGet;
    if (typeof secretGet !== 'function') throw new Error('secretGet missing');
    await expect(secretGet('camera.1.password')).resolves.toBeNull();
    expect(invocations).toEqual([['shell:secret-get', 'camera.1.password']]);
  });
});
