export { PtzPanel, type PtzPanelProps } from './PtzPanel';
