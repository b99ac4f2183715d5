export { WallPage } from './WallPage';
export { WallWindow } from './WallWindow';
