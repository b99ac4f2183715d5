import { z } from 'zod';

/** The core must listen on loopback only: http://127.0.0.1:<port>, nothing else (no path, no credentials). */
export function isLoopbackCoreUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    url.protocol === 'http:' &&
    url.hostname === '127.0.0.1' &&
    url.port !== '' &&
    url.username === '' &&
    url.password === '' &&
    url.pathname === '/' &&
    url.search === '' &&
    url.hash === ''
  );
}

export const CoreReadyMessageSchema = z.object({
  type: z.literal('ready'),
  url: z
    .string()
    .max(64)
    .refine(isLoopbackCoreUrl, { message: 'core must listen on http://127.0.0.1:<port>' })
    // One canonical spelling (no trailing slash) so URL comparisons and the CSP are stable.
    .transform((value) => new URL(value).origin),
});

export const CoreFatalMessageSchema = z.object({
  type: z.literal('fatal'),
  message: z.string().max(4096),
});

export const CoreMessageSchema = z.discriminatedUnion('type', [CoreReadyMessageSchema, CoreFatalMessageSchema]);
export type CoreMessage = z.output<typeof CoreMessageSchema>;

/** Parses a message the core posted on its parentPort. Anything unexpected is null, never a throw. */
export function parseCoreMessage(message: unknown): CoreMessage | null {
  const parsed = CoreMessageSchema.safeParse(message);
  return parsed.success ? parsed.data : null;
}
