import type { z } from 'zod';
import {
  type CoreEndpoint,
  type Display,
  type OpenWallWindowResult,
  SHELL_IPC,
  type ShellIpcName,
} from '../../src-shared/contract/shell';
import { type IpcSenderInfo, isTrustedSender } from './ipc-sender';
import type { WallWindowRequest } from './wall-placement';

/** What main does for each shell request, once the request has been checked. */
export interface ShellServices {
  endpoint(): Promise<CoreEndpoint>;
  displays(): Display[];
  openWallWindow(request: WallWindowRequest): OpenWallWindowResult;
  secretGet(key: string): Promise<string | null>;
  secretSet(key: string, value: string): Promise<void>;
  secretDelete(key: string): Promise<void>;
}

export type ShellIpcErrorCode = 'forbidden' | 'invalid_argument';

/** Rejection sent back to the renderer. Its message never echoes argument values (they may be secrets). */
export class ShellIpcError extends Error {
  readonly code: ShellIpcErrorCode;

  constructor(code: ShellIpcErrorCode, detail: string) {
    super(`[${code}] ${detail}`);
    this.name = 'ShellIpcError';
    this.code = code;
  }
}

export type ShellIpcHandler = (sender: IpcSenderInfo, args: readonly unknown[]) => Promise<unknown>;

export interface ShellIpcRoute {
  readonly channel: string;
  readonly handle: ShellIpcHandler;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(arguments)'}: ${issue.message}`)
    .join('; ');
}

function guarded<S extends z.ZodType>(
  name: ShellIpcName,
  spec: { readonly channel: string; readonly args: S },
  run: (args: z.output<S>) => unknown,
): ShellIpcRoute {
  return {
    channel: spec.channel,
    handle: async (sender, args) => {
      if (!isTrustedSender(sender)) throw new ShellIpcError('forbidden', `${name}: sender is not the IOC app`);
      const parsed = spec.args.safeParse(args);
      if (!parsed.success) throw new ShellIpcError('invalid_argument', `${name}: ${describeIssues(parsed.error)}`);
      return run(parsed.data);
    },
  };
}

/**
 * One route per SHELL_IPC channel. Each handler checks the sender first, then parses the arguments with the
 * channel's schema, and only then calls the service. The adapter registers them with ipcMain.handle.
 */
export function createShellIpcRoutes(services: ShellServices): Record<ShellIpcName, ShellIpcRoute> {
  return {
    endpoint: guarded('endpoint', SHELL_IPC.endpoint, () => services.endpoint()),
    displays: guarded('displays', SHELL_IPC.displays, () => services.displays()),
    openWallWindow: guarded('openWallWindow', SHELL_IPC.openWallWindow, ([request]) =>
      services.openWallWindow(request),
    ),
    secretGet: guarded('secretGet', SHELL_IPC.secretGet, ([key]) => services.secretGet(key)),
    secretSet: guarded('secretSet', SHELL_IPC.secretSet, ([key, value]) => services.secretSet(key, value)),
    secretDelete: guarded('secretDelete', SHELL_IPC.secretDelete, ([key]) => services.secretDelete(key)),
  };
}
