import { z } from 'zod';

/**
 * The shell contract: what the renderer may ask of its host window system. Electron's preload implements it
 * over validated IPC; the browser host implements it with web APIs. Nothing else crosses that boundary.
 */
export const DisplaySchema = z.object({
  id: z.string(),
  label: z.string(),
  primary: z.boolean(),
  bounds: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
  scaleFactor: z.number(),
});
export type Display = z.infer<typeof DisplaySchema>;

export const CoreEndpointSchema = z.object({
  /** Base URL of the core's HTTP host, e.g. http://127.0.0.1:49152 */
  url: z.string(),
  /** Per-launch secret the Electron host gives its own renderer; null in the browser host. */
  launchToken: z.string().nullable(),
});
export type CoreEndpoint = z.infer<typeof CoreEndpointSchema>;

export const SecretKeySchema = z.string().regex(/^[a-z0-9._-]{1,64}$/);
export const SecretValueSchema = z.string().max(64 * 1024);

export const OpenWallWindowSchema = z.object({ displayId: z.string().max(64), kiosk: z.boolean().default(false) });
export type OpenWallWindowRequest = z.input<typeof OpenWallWindowSchema>;

export type OpenWallWindowResult = { ok: true } | { ok: false; reason: 'unknown_display' | 'blocked' | 'unsupported' };

export interface ShellApi {
  readonly kind: 'electron' | 'browser';
  endpoint(): Promise<CoreEndpoint>;
  displays(): Promise<Display[]>;
  openWallWindow(request: OpenWallWindowRequest): Promise<OpenWallWindowResult>;
  secretGet(key: string): Promise<string | null>;
  secretSet(key: string, value: string): Promise<void>;
  secretDelete(key: string): Promise<void>;
}

/** IPC channel names and the schema of each channel's argument, shared by preload and main. */
export const SHELL_IPC = {
  endpoint: { channel: 'shell:endpoint', args: z.tuple([]) },
  displays: { channel: 'shell:displays', args: z.tuple([]) },
  openWallWindow: { channel: 'shell:open-wall-window', args: z.tuple([OpenWallWindowSchema]) },
  secretGet: { channel: 'shell:secret-get', args: z.tuple([SecretKeySchema]) },
  secretSet: { channel: 'shell:secret-set', args: z.tuple([SecretKeySchema, SecretValueSchema]) },
  secretDelete: { channel: 'shell:secret-delete', args: z.tuple([SecretKeySchema]) },
} as const;
export type ShellIpcName = keyof typeof SHELL_IPC;
