import { join } from 'node:path';
import { loadCaptureSet } from './captures';
import { resolveOptions } from './options';
import { PERSONALITY_SPECS, type Personality } from './personalities';
import { readProfiles, type SimProfile } from './profiles';

export { startSimCamera } from './camera';
export type { PresetView, PtzStateView, SimCamera, SimCameraProfile } from './camera';
export type { SimCameraOptions } from './options';
export { PERSONALITIES, isPersonality, type Personality } from './personalities';
export type { SimProfile, VideoEncoding } from './profiles';
export type { CallRecord } from './soap-endpoint';
export { WS_DISCOVERY_GROUP } from './discovery';

export interface PersonalityInfo {
  readonly name: Personality;
  /** The camera's own address in the captures. */
  readonly capturedHost: string;
  readonly devicePath: string;
  readonly profiles: readonly SimProfile[];
  readonly ptz: boolean;
}

/** What a personality offers, read from its captures without starting a camera. */
export async function personalityInfo(name: Personality, fixturesDir?: string): Promise<PersonalityInfo> {
  const spec = PERSONALITY_SPECS[name];
  const dir = resolveOptions({ personality: name, ...(fixturesDir ? { fixturesDir } : {}) }).fixturesDir;
  const captures = await loadCaptureSet(join(dir, spec.dir), spec.layout);
  const getProfiles = captures.get('media', 'GetProfiles');
  const profiles = getProfiles ? readProfiles(getProfiles) : [];
  return {
    name,
    capturedHost: spec.capturedHost,
    devicePath: spec.devicePath,
    profiles,
    ptz: captures.has('ptz', 'GetConfigurations') && profiles.some((p) => p.ptz),
  };
}
