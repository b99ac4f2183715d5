import type { Session } from 'electron';
import { isAppOriginUrl } from './app-origin';
import type { Log } from './log';
import { isPermissionGranted } from './permission-policy';

/** Deny-by-default permissions and device access for a session (checklist item 5). */
export function hardenSession(ses: Session, log: Log): void {
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    const granted = isPermissionGranted(permission, details.requestingUrl) && isAppOriginUrl(contents.getURL());
    if (!granted) log('warn', 'permission request denied', { permission, requestingUrl: details.requestingUrl });
    callback(granted);
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin),
  );
  ses.setDevicePermissionHandler(() => false);
  // Without these, Chromium may pick the first device on its own; cancel every chooser.
  ses.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  ses.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  ses.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
}
