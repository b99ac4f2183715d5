import type { ShellApi } from './shellTypes';
import { browserShell } from './browserShell';

/** The Electron preload's shell when present, else the browser host's implementation of the same contract. */
export const shell: ShellApi = window.iocShell ?? browserShell;
