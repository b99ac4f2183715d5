import { protocol } from 'electron';
import { APP_SCHEME } from './app-origin';
import type { AppProtocolHandler } from './app-protocol-handler';

/**
 * Must run before app 'ready'. standard+secure gives app://ioc a real origin and a secure context (so CSP
 * 'self', fetch, workers and media work); no bypassCSP, no CORS privileges beyond same-origin.
 */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true, stream: true },
    },
  ]);
}

/** Serves app:// for the default session (the only one our windows use). Call after 'ready'. */
export function serveAppProtocol(handler: AppProtocolHandler): void {
  protocol.handle(APP_SCHEME, handler);
}
