import { z } from 'zod';
import {
  CoreEndpointSchema,
  DisplaySchema,
  type OpenWallWindowResult,
  SHELL_IPC,
  type ShellApi,
} from '../../src-shared/contract/shell';

/** `ipcRenderer.invoke`, narrowed: the preload passes nothing else of Electron to this module. */
export type Invoke = (channel: string, ...args: unknown[]) => Promise<unknown>;

const OpenWallWindowResultSchema: z.ZodType<OpenWallWindowResult> = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), reason: z.enum(['unknown_display', 'blocked', 'unsupported']) }),
]);
const DisplayListSchema = z.array(DisplaySchema);
const SecretValueOrNullSchema = z.string().nullable();

/**
 * The object the preload exposes as `window.iocShell`: exactly the ShellApi, nothing else (no ipcRenderer,
 * no event objects, no generic "send"). Replies are parsed so the page gets contract types, not `any`.
 */
export function createShellBridge(invoke: Invoke): ShellApi {
  return {
    kind: 'electron',
    endpoint: async () => CoreEndpointSchema.parse(await invoke(SHELL_IPC.endpoint.channel)),
    displays: async () => DisplayListSchema.parse(await invoke(SHELL_IPC.displays.channel)),
    openWallWindow: async (request) =>
      OpenWallWindowResultSchema.parse(await invoke(SHELL_IPC.openWallWindow.channel, request)),
    secretGet: async (key) => SecretValueOrNullSchema.parse(await invoke(SHELL_IPC.secretGet.channel, key)),
    secretSet: async (key, value) => {
      await invoke(SHELL_IPC.secretSet.channel, key, value);
    },
    secretDelete: async (key) => {
      await invoke(SHELL_IPC.secretDelete.channel, key);
    },
  };
}

/** The keys `window.iocShell` must have; a test and a startup self-check compare against it. */
export const SHELL_BRIDGE_KEYS: readonly (keyof ShellApi)[] = [
  'kind',
  'endpoint',
  'displays',
  'openWallWindow',
  'secretGet',
  'secretSet',
  'secretDelete',
];
