import { APP_ORIGIN, isAppOriginUrl } from './app-origin';

/** What main knows about who sent an IPC message, extracted from IpcMainInvokeEvent by the adapter. */
export interface IpcSenderInfo {
  /** `event.senderFrame?.url`; null when the frame is gone (navigated away or destroyed). */
  readonly frameUrl: string | null;
  /** `event.senderFrame?.origin` as Chromium serialises it, e.g. "app://ioc". */
  readonly frameOrigin: string | null;
  /** The sender is the top frame of its page, not an iframe inside it. */
  readonly isMainFrame: boolean;
  /** The sending webContents belongs to a window this app created. */
  readonly isOwnWindow: boolean;
}

/** Only the top frame of one of our windows, on our app:// origin by both URL and origin, may talk to main. */
export function isTrustedSender(sender: IpcSenderInfo): boolean {
  return (
    sender.isOwnWindow && sender.isMainFrame && sender.frameOrigin === APP_ORIGIN && isAppOriginUrl(sender.frameUrl)
  );
}
