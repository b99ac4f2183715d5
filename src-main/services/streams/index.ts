export {
  createStreamsService,
  type ResolveSource,
  type StreamAuditEntry,
  type StreamsService,
  type StreamsServiceOptions,
  type ViewerConnection,
} from './service';
export { streamsHandlers, type StreamCallContext } from './handlers';
export { registerStreamMetrics, type SeriesSink } from './metrics';
export type { InitSegment, MediaFragment, MediaSink, Subscription } from './fanout';
export { DEFAULT_TIMING, type ResolvedSource, type StreamLogger, type StreamTiming } from './types';
