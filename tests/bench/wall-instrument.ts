// In-page probes for the wall benches, installed with addInitScript before the app loads. They only observe:
// when the app asks the core for a stream (the streams.open call on the contract socket) and when each <video>
// presents its first frame (requestVideoFrameCallback) and fires `playing`. Times are performance.now().
import type { Page } from 'playwright-core';

export interface OpenEvent {
  t: number;
  cameraId: string;
  profile: string;
}

export interface FrameEvent {
  t: number;
  kind: 'first-frame' | 'playing';
  cameraId: string;
}

/** Serialised into the page: no named inner functions (tsx would wrap them in a `__name` helper the page lacks). */
export function instrumentWall(): void {
  const probe = { opens: [] as OpenEvent[], frames: [] as FrameEvent[] };
  Object.defineProperty(window, '__wallBench', { value: probe });
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (this: WebSocket, data: Parameters<WebSocket['send']>[0]) {
    if (typeof data === 'string' && data.includes('"streams.open"')) {
      try {
        const message = JSON.parse(data) as { input?: { cameraId?: string; profile?: string } };
        probe.opens.push({
          t: performance.now(),
          cameraId: String(message.input?.cameraId ?? ''),
          profile: String(message.input?.profile ?? ''),
        });
      } catch {
        // not a contract call
      }
    }
    send.call(this, data);
  };
  // Media events do not bubble, but a capturing listener on the document sees them.
  document.addEventListener(
    'loadstart',
    (event) => {
      const video = event.target;
      if (!(video instanceof HTMLVideoElement)) return;
      video.requestVideoFrameCallback((_now, meta) =>
        probe.frames.push({
          t: meta.presentationTime,
          kind: 'first-frame',
          cameraId: video.closest('[data-tile-index]')?.getAttribute('data-camera-id') ?? '',
        }),
      );
    },
    true,
  );
  document.addEventListener(
    'playing',
    (event) => {
      if (event.target instanceof HTMLVideoElement) {
        probe.frames.push({
          t: performance.now(),
          kind: 'playing',
          cameraId: event.target.closest('[data-tile-index]')?.getAttribute('data-camera-id') ?? '',
        });
      }
    },
    true,
  );
}

export const readProbe = (page: Page) =>
  page.evaluate(() => {
    const probe = Reflect.get(window, '__wallBench') as { opens: OpenEvent[]; frames: FrameEvent[] };
    return { opens: [...probe.opens], frames: [...probe.frames] };
  });
