import path from 'node:path';
import { app, Menu, screen, session } from 'electron';
import { serveAppProtocol, registerAppSchemePrivileges } from './app-protocol';
import { createAppProtocolHandler } from './app-protocol-handler';
import { packagedResourcesDir, resolveAppPaths, SECRET_FILE_NAME } from './app-paths';
import { coreEnv, createLaunchSecret } from './core-launch';
import { isRendererSecretKey, provideCoreSecretsKey } from './core-secrets-key';
import { forkCoreProcess } from './core-process';
import { type CoreStatus, createCoreSupervisor } from './core-supervisor';
import { buildContentSecurityPolicy } from './csp';
import { toShellDisplays } from './displays';
import { hardenSession } from './harden-session';
import { hardenWebContents } from './harden-web-contents';
import { createLineLog, type Log } from './log';
import { safeStorageCipher } from './safe-storage-cipher';
import { createSecretStore } from './secret-store';
import { registerShellIpc } from './shell-ipc';
import { createShellIpcRoutes } from './shell-ipc-handlers';
import { createWindowManager } from './window-manager';

/** How long a renderer's endpoint() waits for a (re)starting core before it gets an error and retries. */
const ENDPOINT_WAIT_MS = 20_000;
/** How long the first window waits for the core, so its CSP can already name the core's port. */
const FIRST_WINDOW_WAIT_MS = 15_000;

const log: Log = createLineLog('electron');

// Both must happen before 'ready'.
app.enableSandbox();
registerAppSchemePrivileges();

function logCoreStatus(status: CoreStatus): void {
  switch (status.state) {
    case 'starting':
      log('info', 'core starting', { attempt: status.attempt, port: status.port });
      break;
    case 'ready':
      log('info', 'core ready', { url: status.url, urlChanged: status.urlChanged });
      break;
    case 'restarting':
      log('error', 'core down; restarting', {
        attempt: status.attempt,
        delayMs: status.delayMs,
        reason: status.reason,
      });
      break;
    case 'stopped':
      log('info', 'core stopped');
      break;
  }
}

function refuseMainOnlySecret(): Promise<never> {
  return Promise.reject(new Error('this secret belongs to the application, not the window'));
}

function run(): void {
  const paths = resolveAppPaths(__dirname);
  const launchSecret = createLaunchSecret();
  const windows = createWindowManager({ preload: paths.preload, devTools: !app.isPackaged, log });
  let coreUrl: string | null = null;
  // Pages served before the core was ready carry a CSP without its port; they must be reloaded once it is.
  let pagesLackCoreUrl = false;
  let coreSecretsKey: string | null = null;

  const supervisor = createCoreSupervisor({
    spawn: (args) =>
      forkCoreProcess(
        paths.coreEntry,
        args,
        coreEnv({
          base: process.env,
          launchSecret,
          dataDir: app.getPath('userData'),
          resourcesDir: packagedResourcesDir({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath }),
          secretsKey: coreSecretsKey,
        }),
      ),
    onStatus: (status) => {
      logCoreStatus(status);
      if (status.state !== 'ready') return;
      coreUrl = status.url;
      if (status.urlChanged || pagesLackCoreUrl) {
        pagesLackCoreUrl = false;
        log('warn', 'pages lack the current core address; reloading windows', { url: status.url });
        windows.reloadAll();
      }
    },
  });

  app.on('second-instance', () => {
    if (app.isReady()) windows.showControlWindow();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));
  app.on('child-process-gone', (_event, details) => {
    log('error', 'child process gone', {
      type: details.type,
      reason: details.reason,
      exitCode: details.exitCode,
      name: details.name ?? details.serviceName ?? null,
    });
  });
  app.on('window-all-closed', () => app.quit());

  let disposeIpc = (): void => undefined;
  app.on('will-quit', () => {
    disposeIpc();
    supervisor.dispose();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());

  app
    .whenReady()
    .then(async () => {
      if (app.isPackaged) Menu.setApplicationMenu(null);
      hardenSession(session.defaultSession, log);
      serveAppProtocol(
        createAppProtocolHandler({
          rootDir: paths.rendererRoot,
          contentSecurityPolicy: () => buildContentSecurityPolicy(coreUrl, process.env.IOC_BASEMAP_STYLE || null),
        }),
      );

      const secrets = createSecretStore({
        filePath: path.join(app.getPath('userData'), SECRET_FILE_NAME),
        cipher: safeStorageCipher(),
        onWarning: (message) => log('warn', message),
      });
      const displays = () => toShellDisplays(screen.getAllDisplays(), screen.getPrimaryDisplay().id);
      disposeIpc = registerShellIpc(
        createShellIpcRoutes({
          endpoint: async () => ({ url: await supervisor.whenReady(ENDPOINT_WAIT_MS), launchToken: launchSecret }),
          displays,
          openWallWindow: (request) => windows.openWallWindow(displays(), request),
          secretGet: (key) => (isRendererSecretKey(key) ? secrets.get(key) : Promise.resolve(null)),
          secretSet: (key, value) => (isRendererSecretKey(key) ? secrets.set(key, value) : refuseMainOnlySecret()),
          secretDelete: (key) => (isRendererSecretKey(key) ? secrets.delete(key) : refuseMainOnlySecret()),
        }),
        (contents) => windows.isOwnWebContents(contents),
      );

      const onDisplaysChanged = (what: string) => () => {
        const current = displays();
        log('info', what, { displays: current.length });
        windows.syncWallWindows(current);
      };
      screen.on('display-added', onDisplaysChanged('display added'));
      screen.on('display-removed', onDisplaysChanged('display removed'));
      screen.on('display-metrics-changed', onDisplaysChanged('display changed'));

      try {
        coreSecretsKey = await provideCoreSecretsKey(secrets, path.join(app.getPath('userData'), 'secrets.key'));
      } catch (error) {
        // No OS keyring (or a basic_text one): the core keeps its key in a 0600 file in the data folder instead.
        log('warn', 'camera-password key not under safeStorage', {
          reason: error instanceof Error ? error.message : String(error),
        });
      }
      supervisor.start();
      try {
        await supervisor.whenReady(FIRST_WINDOW_WAIT_MS);
      } catch {
        // Show the window anyway so the operator sees the app and its "core unavailable" state.
        pagesLackCoreUrl = coreUrl === null;
      }
      windows.showControlWindow();
    })
    .catch((error: unknown) => {
      log('error', 'startup failed', { error: error instanceof Error ? error.message : String(error) });
      app.exit(1);
    });
}

// A second launch only focuses the running one: two instances would fight over displays and the database.
if (app.requestSingleInstanceLock()) run();
else app.quit();
