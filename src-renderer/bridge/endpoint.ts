import { CoreEndpointSchema, type CoreEndpoint, type ShellApi } from '../../src-shared/contract';

export interface EndpointCache {
  get(): Promise<CoreEndpoint>;
  /** After a transport failure: in Electron a restarted core listens on a new port, so ask the shell again. */
  forget(): void;
}

/** Where the core is, asked of the shell once and again after failures; a rejected ask is never cached. */
export function createEndpointCache(shell: ShellApi): EndpointCache {
  let pending: Promise<CoreEndpoint> | null = null;
  return {
    get() {
      pending ??= shell
        .endpoint()
        .then((raw) => CoreEndpointSchema.parse(raw))
        .catch((error: unknown) => {
          pending = null;
          throw error;
        });
      return pending;
    },
    forget() {
      pending = null;
    },
  };
}
