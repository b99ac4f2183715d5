import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/** One entry of `<dataDir>/demo-fleet.json`: what the core needs to onboard a demo camera (IOC_DEMO_FLEET). */
export const fleetEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  siteId: z.string(),
  host: z.string(),
  port: z.number().int(),
  username: z.string(),
  password: z.string(),
  location: z.object({ lat: z.number(), lon: z.number() }),
  headingDeg: z.number(),
  fovDeg: z.number(),
});
export type FleetEntry = z.infer<typeof fleetEntrySchema>;
export const fleetManifestSchema = z.array(fleetEntrySchema);

export const MANIFEST_NAME = 'demo-fleet.json';

/**
 * Writes the manifest readable by its owner only (it holds passwords): a temporary 0600 file renamed into
 * place, so a reader never sees half a file or a moment of wider permissions.
 */
export function writeManifest(path: string, entries: readonly FleetEntry[]): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(entries, null, 2) + '\n', { mode: 0o600 });
  chmodSync(temporary, 0o600); // `mode` applies only when the file is created
  renameSync(temporary, path);
}

export function removeManifest(path: string): void {
  rmSync(path, { force: true });
}
