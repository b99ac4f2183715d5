export { AlertsPanel } from './AlertsPanel';
export { focusAlert, holdAlertFeed, useAlertFeed } from './alertFeed';
export { SEVERITY_COLORS, FRESH_MS, isFresh, typeKey } from './alertView';
export { useFreshAlertIds } from './useFreshAlerts';
