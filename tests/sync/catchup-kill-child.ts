// Child process of catchup-kill.test.ts: an empty workstation pulls `pages` pages of its initial sync into
// `dataDir`, then is killed with SIGKILL (by itself, so the kill falls exactly between two pages).
import { openWorkstation } from './harness';

const [serverUrl, dataDir, pages, pageLimit] = process.argv.slice(2);
const w = openWorkstation(serverUrl!, { dataDir: dataDir!, timing: { pageLimit: Number(pageLimit) } });
for (let i = 0; i < Number(pages); i++) {
  const page = await w.sync.steps!.pullPage(0);
  if (page.upToDate) throw new Error('the initial sync ended before the kill: seed more cases');
}
process.stdout.write('PAGES_SAVED\n');
process.kill(process.pid, 'SIGKILL');
