import {
  WS_PROTOCOL,
  WS_TOKEN_PROTOCOL_PREFIX,
  type CommandInput,
  type CommandName,
  type CommandOutput,
  type EventName,
  type EventPayload,
  type ShellApi,
} from '../../src-shared/contract';
import { getSession, postLogin, postLogout, type AuthUser } from './auth';
import { requestFile } from './fileHttp';
import { uploadFile, type UploadLine, type UploadProgress } from './fileUpload';
import { parseOutput } from './commandOutput';
import { createEndpointCache } from './endpoint';
import type { ConnectionSnapshot } from './connection';
import { EventHub } from './events';
import { LAUNCH_PROTOCOL_PREFIX, type HttpTarget } from './http';
import { requestMediaTicket, type MediaTicket } from './mediaTicket';
import { MediaRouter, type MediaListener, type MediaStream } from './media';
import { fail, ok, type Result } from './result';
import { rpcHttp } from './rpcHttp';
import { CoreSocket, type SocketTarget } from './socket';

/** Why the session ended without the user pressing "sign out" here. */
export type SignOutReason = 'logout' | 'expired' | 'revoked' | 'unauthenticated';

export interface CoreClient {
  readonly hostKind: ShellApi['kind'];
  login(username: string, password: string): Promise<Result<AuthUser>>;
  /** Asks the core whether the cookie (browser) or stored token (Electron) is still a valid session. */
  restore(): Promise<Result<AuthUser>>;
  logout(): Promise<void>;
  call<N extends CommandName>(name: N, input: CommandInput<N>): Promise<Result<CommandOutput<N>>>;
  connect(): void;
  retryNow(): void;
  connection(): ConnectionSnapshot;
  onConnection(listener: (snapshot: ConnectionSnapshot) => void): () => void;
  onEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  onSignedOut(listener: (reason: SignOutReason) => void): () => void;
  /** Absolute URL of a public file the core serves (e.g. '/basemap/places.geojson'), in either host. */
  resourceUrl(path: string): Promise<string>;
  /** A file only a signed-in user may fetch (e.g. '/api/media/<sha256>'), as a Blob to show from a blob URL. */
  fetchFile(path: string): Promise<Result<Blob>>;
  /**
   * A file's raw bytes POSTed to a core route (e.g. '/api/assets/import?…'), with upload progress; its `value`.
   * With `onLine`, the route's JSON lines before its reply (e.g. import progress) as they arrive.
   */
  uploadFile(path: string, body: Blob, onProgress?: UploadProgress, onLine?: UploadLine): Promise<Result<unknown>>;
  /** A short-lived URL to play a case's video from with byte ranges (`<video src>` sends no auth header). */
  mediaTicket(sha256: string): Promise<Result<MediaTicket>>;
  /** Opens a camera's live stream on the socket (never over HTTP); frames go to `listener` until closed. */
  openMedia(input: CommandInput<'streams.open'>, listener: MediaListener): Promise<Result<MediaStream>>;
}

const TOKEN_KEY = 'session.token';

function socketUrl(baseUrl: string): string {
  const url = new URL('/api/ws', baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

export function createCoreClient(shell: ShellApi): CoreClient {
  // Cookies do not cross from the Electron renderer's origin to the core's loopback port, so there the
  // session token travels as a bearer and is kept by the shell's safeStorage. The browser host never holds it.
  const usesBearer = shell.kind === 'electron';
  let token: string | null = null;
  const endpoint = createEndpointCache(shell);
  const hub = new EventHub();
  const signedOutListeners = new Set<(reason: SignOutReason) => void>();

  async function target(): Promise<HttpTarget> {
    const { url, launchToken } = await endpoint.get();
    return { baseUrl: url, bearer: usesBearer ? token : null, launchToken };
  }

  /** Runs one HTTP exchange; a shell that cannot say where the core is counts as a network failure. */
  async function overHttp<T>(exchange: (target: HttpTarget) => Promise<Result<T>>): Promise<Result<T>> {
    let result: Result<T>;
    try {
      result = await exchange(await target());
    } catch (error) {
      result = fail('network', error instanceof Error ? error.message : String(error));
    }
    if (!result.ok && result.error.code === 'network') endpoint.forget();
    return result;
  }

  async function socketTarget(): Promise<SocketTarget> {
    const { baseUrl, bearer, launchToken } = await target();
    const protocols = [WS_PROTOCOL];
    if (bearer) protocols.push(WS_TOKEN_PROTOCOL_PREFIX + bearer);
    if (launchToken) protocols.push(LAUNCH_PROTOCOL_PREFIX + launchToken);
    return { url: socketUrl(baseUrl), protocols };
  }

  async function forgetToken(): Promise<void> {
    token = null;
    if (usesBearer) await shell.secretDelete(TOKEN_KEY).catch(() => undefined);
  }

  function signOut(reason: SignOutReason): void {
    socket.stop();
    void forgetToken();
    for (const listener of signedOutListeners) listener(reason);
  }

  const media = new MediaRouter();
  const socket = new CoreSocket({
    target: socketTarget,
    onBinary: (data) => media.route(data),
    onDetached: () => media.reset(),
    onEvent: (event, payload) => hub.emit(event, payload),
    onUnauthenticated: () => signOut('unauthenticated'),
    onFailedAttempt: () => {
      endpoint.forget();
      void overHttp(getSession).then((result) => {
        if (!result.ok && result.error.code === 'unauthenticated') signOut('unauthenticated');
      });
    },
  });
  hub.on('session.ended', ({ reason }) => signOut(reason));

  return {
    hostKind: shell.kind,

    async login(username, password) {
      const result = await overHttp((t) => postLogin(t, username, password));
      if (!result.ok) return result;
      if (usesBearer) {
        token = result.value.token;
        await shell.secretSet(TOKEN_KEY, token);
      }
      return ok(result.value.user);
    },

    async restore() {
      if (usesBearer) {
        token = await shell.secretGet(TOKEN_KEY).catch(() => null);
        if (!token) return fail('unauthenticated', 'no stored session');
      }
      return overHttp(getSession);
    },

    async logout() {
      socket.stop();
      await overHttp(postLogout);
      await forgetToken();
    },

    async call(name, input) {
      const result = socket.isOpen()
        ? await socket.call(name, input).then((reply) => (reply.ok ? parseOutput(name, reply.value) : reply))
        : await overHttp((t) => rpcHttp(t, name, input));
      if (!result.ok && result.error.code === 'unauthenticated') signOut('unauthenticated');
      return result;
    },

    connect: () => socket.start(),
    retryNow: () => socket.retryNow(),
    connection: () => socket.current,
    onConnection: (listener) => socket.subscribe(listener),
    onEvent: (name, listener) => hub.on(name, listener),
    onSignedOut(listener) {
      signedOutListeners.add(listener);
      return () => signedOutListeners.delete(listener);
    },
    async resourceUrl(path) {
      return new URL(path, (await endpoint.get()).url).toString();
    },

    async fetchFile(path) {
      const result = await overHttp((t) => requestFile(t, path));
      if (!result.ok && result.error.code === 'unauthenticated') signOut('unauthenticated');
      return result;
    },

    async uploadFile(path, body, onProgress, onLine) {
      const result = await overHttp((t) => uploadFile(t, path, body, onProgress, onLine));
      if (!result.ok && result.error.code === 'unauthenticated') signOut('unauthenticated');
      return result;
    },

    async mediaTicket(sha256) {
      const result = await overHttp((t) => requestMediaTicket(t, sha256));
      if (!result.ok && result.error.code === 'unauthenticated') signOut('unauthenticated');
      return result;
    },

    async openMedia(input, listener) {
      if (!socket.isOpen()) return fail('network', 'live video needs the connection to the core');
      const epoch = media.epoch;
      const reply = await socket.call('streams.open', input);
      const opened = reply.ok ? parseOutput('streams.open', reply.value) : reply;
      if (!opened.ok) {
        if (opened.error.code === 'unauthenticated') signOut('unauthenticated');
        return opened;
      }
      if (media.epoch !== epoch) return fail('network', 'connection closed while the stream was opening');
      const { channel } = opened.value;
      const detach = media.attach(channel, listener);
      let closed = false;
      return ok({
        info: opened.value,
        close() {
          if (closed) return;
          closed = true;
          detach();
          if (media.epoch === epoch) void socket.call('streams.close', { channel });
        },
      });
    },
  };
}
