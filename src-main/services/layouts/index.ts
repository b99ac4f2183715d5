export {
  createLayoutsService,
  type AlertChange,
  type LayoutsService,
  type LayoutsServiceOptions,
  type PopupRequest,
} from './service';
export { layoutsHandlers, type LayoutsCallContext } from './handlers';
export type { Actor, LayoutsAuditEntry, WallPublish } from './types';
