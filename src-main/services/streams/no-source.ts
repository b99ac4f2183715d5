import { CommandError } from '../../../src-shared/contract';
import type { ResolvedSource } from './types';

/**
 * The resolver compose.ts uses while no camera service is wired in: every camera is unknown. The camera
 * service replaces it with one that reads the profile's stream URI, codec and stored credentials.
 */
export function noCameraSource(cameraId: string): Promise<ResolvedSource> {
  return Promise.reject(new CommandError('not_found', `There is no camera "${cameraId.slice(0, 64)}".`));
}
