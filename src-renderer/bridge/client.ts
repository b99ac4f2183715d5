import { createCoreClient } from './core';
import { shell } from './shell';

/** The one client of the core for this window. */
export const core = createCoreClient(shell);
