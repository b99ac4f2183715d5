import { CommandError } from '../../src-shared/contract';
import { mayActOnSite, type Principal } from '../services/auth';
import type { CameraService } from '../services/cameras';
import type { Handlers } from './handlers';

type CameraCommands =
  | 'cameras.discover'
  | 'cameras.add'
  | 'cameras.list'
  | 'cameras.update'
  | 'cameras.remove'
  | 'cameras.test'
  | 'cameras.snapshot'
  | 'cameras.certificate'
  | 'cameras.certificatesAwaiting'
  | 'cameras.trustCertificate'
  | 'ptz.move'
  | 'ptz.stop'
  | 'ptz.status'
  | 'ptz.presets'
  | 'ptz.gotoPreset'
  | 'ptz.setPreset'
  | 'ptz.home';

/** The camera's id, if it exists and the caller may act on its site; otherwise not_found / forbidden. */
export interface CameraSites {
  get(id: string): Promise<{ id: string; siteId: string | null } | null>;
}

export function cameraAccess(cameras: CameraSites) {
  return async function visible(id: string, principal: Principal): Promise<string> {
    const camera = await cameras.get(id);
    if (!camera) throw new CommandError('not_found', `There is no camera "${id.slice(0, 64)}".`);
    if (camera.siteId !== null && !mayActOnSite(principal, camera.siteId)) {
      throw new CommandError('forbidden', `You may not act on site "${camera.siteId}".`);
    }
    return camera.id;
  };
}

/** Cameras and PTZ commands. Commands naming a camera by id check the caller may act on its site first. */
export function cameraHandlers(deps: {
  cameras: CameraService;
  /**
   * Told when a camera's username or password changed, or a technician trusted its rtsps certificate, so live
   * streams reconnect at once.
   */
  onCredentialsChanged?: (cameraId: string) => void;
}) {
  const { cameras } = deps;
  const visible = cameraAccess(cameras);
  const actor = (principal: Principal) => ({ userId: principal.userId });
  const done = { ok: true as const };

  return {
    'cameras.discover': (input) => cameras.discover(input.timeoutMs),
    'cameras.add': (input, { principal }) => cameras.add(input, actor(principal)),
    'cameras.list': (input, { principal }) =>
      cameras.list({ siteId: input.siteId, query: input.query, sites: principal.sites }),
    'cameras.update': async (input, { principal }) => {
      await visible(input.id, principal);
      if (input.siteId && !mayActOnSite(principal, input.siteId)) {
        throw new CommandError('forbidden', `You may not act on site "${input.siteId}".`);
      }
      const updated = await cameras.update(input, actor(principal));
      if (input.username !== undefined || input.password !== undefined) deps.onCredentialsChanged?.(updated.id);
      return updated;
    },
    'cameras.remove': async (input, { principal }) => {
      await cameras.remove(await visible(input.id, principal), actor(principal));
      return { removed: true as const };
    },
    'cameras.test': async (input, { principal }) => {
      if ('id' in input) await visible(input.id, principal);
      return cameras.test(input);
    },
    'cameras.snapshot': async (input, { principal }) =>
      cameras.snapshot(await visible(input.id, principal), input.profileToken, actor(principal)),
    'cameras.certificate': async (input, { principal }) => cameras.certificate(await visible(input.id, principal)),
    'cameras.certificatesAwaiting': (_input, { principal }) => cameras.certificatesAwaiting(principal.sites),
    'cameras.trustCertificate': async (input, { principal }) => {
      const trusted = await cameras.trustCertificate(
        await visible(input.id, principal),
        input.fingerprint,
        actor(principal),
      );
      // The camera's live streams were refused (or wait) on this certificate: reconnect now, not after the backoff.
      deps.onCredentialsChanged?.(trusted.cameraId);
      return trusted;
    },
    'ptz.move': async (input, { principal }) => {
      await cameras.ptz.move(await visible(input.cameraId, principal), input, actor(principal));
      return done;
    },
    'ptz.stop': async (input, { principal }) => {
      await cameras.ptz.stop(await visible(input.cameraId, principal), actor(principal));
      return done;
    },
    'ptz.status': async (input, { principal }) => cameras.ptz.status(await visible(input.cameraId, principal)),
    'ptz.presets': async (input, { principal }) => cameras.ptz.presets(await visible(input.cameraId, principal)),
    'ptz.gotoPreset': async (input, { principal }) => {
      await cameras.ptz.gotoPreset(await visible(input.cameraId, principal), input.presetToken, actor(principal));
      return done;
    },
    'ptz.setPreset': async (input, { principal }) =>
      cameras.ptz.setPreset(await visible(input.cameraId, principal), input.name, input.presetToken, actor(principal)),
    'ptz.home': async (input, { principal }) => {
      await cameras.ptz.home(await visible(input.cameraId, principal), actor(principal));
      return done;
    },
  } satisfies Pick<Handlers, CameraCommands>;
}
