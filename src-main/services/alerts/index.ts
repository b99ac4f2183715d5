export {
  createAlertsService,
  DEFAULT_ALERTS_TIMING,
  type AlertsLogger,
  type AlertsService,
  type AlertsServiceOptions,
  type AlertsTiming,
} from './service';
export { alertsHandlers, type AlertsCallContext } from './handlers';
export type { ServerLink } from './server-client';
