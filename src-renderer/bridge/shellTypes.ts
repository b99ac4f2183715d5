import type { ShellApi } from '../../src-shared/contract';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in the browser host. */
    readonly iocShell?: ShellApi;
  }
}

export type { ShellApi };
