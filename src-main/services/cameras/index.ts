export { createCameraService } from './service';
export type { Actor, CameraLogger, CameraPublish, CameraService, CameraServiceDeps, FleetCamera } from './types';
export type { PtzControl, PtzMove } from './ptz-control';
export type { RuntimeTiming } from './runtime';
