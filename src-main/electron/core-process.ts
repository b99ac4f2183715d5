import { utilityProcess } from 'electron';
import type { CoreChild } from './core-supervisor';

/** Starts the core as an Electron utility process. The secret travels in `env`, never in `args`. */
export function forkCoreProcess(entry: string, args: string[], env: Record<string, string>): CoreChild {
  const child = utilityProcess.fork(entry, args, { env, serviceName: 'ioc-core', stdio: 'inherit' });
  return {
    onMessage(listener) {
      child.on('message', (message: unknown) => listener(message));
    },
    onExit(listener) {
      child.on('exit', listener);
    },
    kill() {
      child.kill();
    },
  };
}
