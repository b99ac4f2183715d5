import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { hardenSession } from './harden-session';
import { hardenWebContents } from './harden-web-contents';
import type { Log } from './log';

function fakeEvent<T extends object>(fields: T) {
  let prevented = false;
  return {
    event: { ...fields, preventDefault: () => void (prevented = true) },
    prevented: () => prevented,
  };
}

class FakeWebContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  url = 'app://ioc/index.html';

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }

  getURL(): string {
    return this.url;
  }
}

const silent: Log = () => undefined;

function hardenedContents(): FakeWebContents {
  const contents = new FakeWebContents();
  // The fake implements only what hardenWebContents touches.
  hardenWebContents(contents as unknown as WebContents, silent);
  return contents;
}

describe('hardenWebContents', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s: blocks foreign URLs, allows ours', (name) => {
    const contents = hardenedContents();
    const foreign = fakeEvent({ url: 'https://evil.example/' });
    contents.emit(name, foreign.event);
    expect(foreign.prevented()).toBe(true);
    const own = fakeEvent({ url: 'app://ioc/index.html#/wall/1' });
    contents.emit(name, own.event);
    expect(own.prevented()).toBe(false);
  });

  it('prevents every webview from attaching', () => {
    const contents = hardenedContents();
    const attach = fakeEvent({});
    contents.emit('will-attach-webview', attach.event, {}, { src: 'app://ioc/index.html' });
    expect(attach.prevented()).toBe(true);
  });

  it('denies window.open, even for our own origin', () => {
    const contents = hardenedContents();
    expect(contents.openHandler?.({ url: 'app://ioc/index.html#/wall/1' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });
});

type RequestHandler = (
  contents: FakeWebContents,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string; isMainFrame: boolean },
) => void;
type CheckHandler = (contents: FakeWebContents | null, permission: string, origin: string) => boolean;

class FakeSession extends EventEmitter {
  request: RequestHandler | null = null;
  check: CheckHandler | null = null;
  device: (() => boolean) | null = null;

  setPermissionRequestHandler(handler: RequestHandler): void {
    this.request = handler;
  }

  setPermissionCheckHandler(handler: CheckHandler): void {
    this.check = handler;
  }

  setDevicePermissionHandler(handler: () => boolean): void {
    this.device = handler;
  }
}

function hardenedSession(): FakeSession {
  const ses = new FakeSession();
  hardenSession(ses as unknown as Session, silent);
  return ses;
}

function requestPermission(
  ses: FakeSession,
  permission: string,
  requestingUrl: string,
  pageUrl = requestingUrl,
): boolean {
  const contents = new FakeWebContents();
  contents.url = pageUrl;
  let granted: boolean | null = null;
  ses.request?.(contents, permission, (value) => (granted = value), { requestingUrl, isMainFrame: true });
  if (granted === null) throw new Error('callback not called');
  return granted;
}

describe('hardenSession', () => {
  it('installs all three handlers', () => {
    const ses = hardenedSession();
    expect(ses.request).not.toBeNull();
    expect(ses.check).not.toBeNull();
    expect(ses.device?.()).toBe(false);
  });

  it.each(['media', 'geolocation', 'notifications', 'display-capture', 'clipboard-read', 'openExternal'])(
    'denies %s requests from our own page',
    (permission) => {
      expect(requestPermission(hardenedSession(), permission, 'app://ioc/index.html')).toBe(false);
    },
  );

  it('grants fullscreen and window-management to our page only', () => {
    const ses = hardenedSession();
    expect(requestPermission(ses, 'fullscreen', 'app://ioc/index.html')).toBe(true);
    expect(requestPermission(ses, 'window-management', 'app://ioc/index.html')).toBe(true);
    expect(requestPermission(ses, 'fullscreen', 'https://evil.example/')).toBe(false);
    expect(requestPermission(ses, 'fullscreen', 'app://ioc/index.html', 'https://evil.example/')).toBe(false);
  });

  it('answers permission checks the same way', () => {
    const ses = hardenedSession();
    expect(ses.check?.(null, 'fullscreen', 'app://ioc')).toBe(true);
    expect(ses.check?.(null, 'media', 'app://ioc')).toBe(false);
    expect(ses.check?.(null, 'fullscreen', 'https://evil.example')).toBe(false);
  });

  it('cancels every device chooser', () => {
    const ses = hardenedSession();
    const hid = fakeEvent({});
    const hidChoice: unknown[] = [];
    ses.emit('select-hid-device', hid.event, { deviceList: [{ deviceId: 'x' }] }, (...args: unknown[]) =>
      hidChoice.push(args),
    );
    expect(hid.prevented()).toBe(true);
    expect(hidChoice).toEqual([[]]);

    const serial = fakeEvent({});
    const serialChoice: unknown[] = [];
    ses.emit('select-serial-port', serial.event, [{ portId: 'p' }], {}, (id: string) => serialChoice.push(id));
    expect(serial.prevented()).toBe(true);
    expect(serialChoice).toEqual(['']);

    const usb = fakeEvent({});
    const usbChoice: unknown[] = [];
    ses.emit('select-usb-device', usb.event, { deviceList: [] }, (...args: unknown[]) => usbChoice.push(args));
    expect(usb.prevented()).toBe(true);
    expect(usbChoice).toEqual([[]]);
  });
});
