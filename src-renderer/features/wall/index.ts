export { WallPage } from './WallPage';
export { WallWindow } from './WallWindow';
export { WallShortcutRows } from './WallHelp';
