import type { WebContents } from 'electron';
import type { Log } from './log';
import { decideNavigation, decideWindowOpen } from './navigation-policy';

/**
 * Applied from app 'web-contents-created' to every webContents, ours or not: navigation and redirects off
 * our origin are cancelled, window.open is denied, <webview> can never attach.
 */
export function hardenWebContents(contents: WebContents, log: Log): void {
  const guard =
    (kind: string) =>
    (event: { readonly url: string; preventDefault(): void }): void => {
      if (decideNavigation(event.url) === 'allow') return;
      event.preventDefault();
      log('warn', `${kind} blocked`, { url: event.url.slice(0, 200) });
    };
  contents.on('will-navigate', guard('navigation'));
  contents.on('will-frame-navigate', guard('frame navigation'));
  contents.on('will-redirect', guard('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('warn', 'webview attach blocked');
  });
  contents.setWindowOpenHandler((details) => {
    log('warn', 'window.open denied', { url: details.url.slice(0, 200) });
    return decideWindowOpen();
  });
}
