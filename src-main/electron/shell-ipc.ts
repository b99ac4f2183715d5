import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { IpcSenderInfo } from './ipc-sender';
import type { ShellIpcRoute } from './shell-ipc-handlers';

const UNKNOWN_SENDER: IpcSenderInfo = { frameUrl: null, frameOrigin: null, isMainFrame: false, isOwnWindow: false };

function senderInfo(event: IpcMainInvokeEvent, isOwnWebContents: (contents: WebContents) => boolean): IpcSenderInfo {
  // Reading a disposed frame throws; such a sender is simply untrusted.
  try {
    const frame = event.senderFrame;
    return {
      frameUrl: frame?.url ?? null,
      frameOrigin: frame?.origin ?? null,
      isMainFrame: frame !== null && frame.parent === null,
      isOwnWindow: isOwnWebContents(event.sender),
    };
  } catch {
    return UNKNOWN_SENDER;
  }
}

/** Registers every shell route with ipcMain.handle; returns a function that removes them again. */
export function registerShellIpc(
  routes: Readonly<Record<string, ShellIpcRoute>>,
  isOwnWebContents: (contents: WebContents) => boolean,
): () => void {
  const channels: string[] = [];
  for (const route of Object.values(routes)) {
    ipcMain.handle(route.channel, (event, ...args: unknown[]) =>
      route.handle(senderInfo(event, isOwnWebContents), args),
    );
    channels.push(route.channel);
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
