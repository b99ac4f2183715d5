// `npm start`: the workstation on embedded defaults. Electron when its binary exists and a display is there;
// otherwise the browser host serves the same UI and prints its URL. What it starts: scripts/start-workstation.mjs.
import { ensureDebianPackages, ensureNpmPackages, ensureRendererBuilt } from './setup-lib.mjs';
import { startWorkstation } from './start-workstation.mjs';

const cliArgs = process.argv.slice(2);
ensureNpmPackages();
ensureDebianPackages(['start']);
ensureRendererBuilt();
await startWorkstation(cliArgs);
