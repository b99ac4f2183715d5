import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Disposable } from '../../src-shared/domain/disposable';
import type { CameraService, FleetCamera } from '../services/cameras';
import type { Logger } from './logger';

const Entry = z.object({
  id: z.string().min(1).max(64).optional(),
  name: z.string().min(1).max(200),
  siteId: z.string().max(64).nullable().optional(),
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65535),
  username: z.string().max(128),
  password: z.string().max(256),
  location: z
    .object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) })
    .nullable()
    .optional(),
  headingDeg: z.number().min(0).max(360).nullable().optional(),
  fovDeg: z.number().min(1).max(360).nullable().optional(),
});
const Manifest = z.union([z.array(Entry), z.object({ cameras: z.array(Entry) }).transform((m) => m.cameras)]);

/** Reads the demo fleet manifest (sim/fleet writes it, mode 0600); its passwords go straight to the secrets service. */
export function readFleetManifest(file: string): FleetCamera[] {
  return Manifest.parse(JSON.parse(readFileSync(file, 'utf8'))).map((e) => ({
    id: e.id,
    name: e.name,
    siteId: e.siteId ?? null,
    host: e.host,
    port: e.port,
    username: e.username,
    password: e.password,
    location: e.location ?? null,
    headingDeg: e.headingDeg ?? null,
    fovDeg: e.fovDeg ?? null,
  }));
}

/**
 * Onboards the demo cameras in the background (start-up does not wait for 16 cameras to answer), a few at
 * a time, skipping those already added (by host:port). Cameras that do not answer yet are stored offline
 * and picked up by their health checks. Disposing waits for the task; the camera service's own disposal
 * aborts what is in flight.
 */
export function onboardDemoFleet(options: {
  file: string;
  cameras: CameraService;
  logger: Logger;
  concurrency?: number;
}): Disposable & { done: Promise<void> } {
  let stopped = false;
  const run = async () => {
    let fleet: FleetCamera[];
    try {
      fleet = readFleetManifest(options.file);
    } catch (error) {
      options.logger.error('demo fleet manifest unreadable', {
        file: options.file,
        error: String(error).slice(0, 300),
      });
      return;
    }
    const queue = [...fleet];
    const counts = { added: 0, exists: 0, offline: 0, failed: 0 };
    const worker = async () => {
      for (let next = queue.shift(); next && !stopped; next = queue.shift()) {
        try {
          counts[await options.cameras.ensure(next)]++;
        } catch (error) {
          if (stopped) return;
          counts.failed++;
          options.logger.warn('demo camera not onboarded', { host: next.host, port: next.port, error: String(error) });
        }
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
    if (!stopped) options.logger.info('demo fleet onboarded', counts);
  };
  const done = run();
  return {
    done,
    async dispose() {
      stopped = true;
      await done;
    },
  };
}
