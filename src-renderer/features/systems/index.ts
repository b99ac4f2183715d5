export { SystemsPage } from './SystemsPage';
