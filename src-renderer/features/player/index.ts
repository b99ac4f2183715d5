export { LiveVideo, type LiveVideoHandle, type LiveVideoProps, type LiveVideoStatus } from './LiveVideo';
export { PlayerStatus } from './PlayerStatus';
export { StatsOverlay } from './StatsOverlay';
export { downloadBlob, snapshotFileName } from './snapshot';
export { NO_ZOOM, panBy, zoomAt, zoomTransform, type ZoomState } from './zoom';
export type { TileReason } from './tileState';
export type { PlayerCounters } from './debug';
