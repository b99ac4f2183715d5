import { streamsHandlers, type StreamsService } from '../services/streams';
import { cameraAccess, type CameraSites } from './camera-handlers';
import type { Handlers } from './handlers';

/** Live streams, with the same site check as every other command that names a camera. */
export function guardedStreamHandlers(streams: StreamsService, cameras: CameraSites) {
  const base = streamsHandlers(streams);
  const visible = cameraAccess(cameras);
  return {
    ...base,
    'streams.open': async (input, ctx) => {
      await visible(input.cameraId, ctx.principal);
      return base['streams.open'](input, ctx);
    },
  } satisfies Pick<Handlers, 'streams.open' | 'streams.close' | 'streams.stats'>;
}
