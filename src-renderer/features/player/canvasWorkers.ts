import type { FromWorker, ToWorker } from './webcodecsProtocol';

/**
 * The decoding worker of each WebCodecs canvas. A canvas hands its drawing surface over only once
 * (transferControlToOffscreen), so the worker lives as long as the <canvas> element, across the players a tile
 * starts on it (off screen and back, another camera); LivePlayer releases it when the canvas goes.
 */
export interface CanvasWorker {
  post(message: ToWorker, transfer?: Transferable[]): void;
  /** The one listener (the canvas's current player); null detaches. */
  listen(listener: ((message: FromWorker) => void) | null): void;
}

interface Entry extends CanvasWorker {
  worker: Worker;
}

const workers = new WeakMap<HTMLCanvasElement, Entry>();

export const offscreenAvailable = (): boolean =>
  typeof Worker === 'function' &&
  typeof OffscreenCanvas === 'function' &&
  typeof HTMLCanvasElement.prototype.transferControlToOffscreen === 'function';

/** The canvas's worker, started (and the canvas handed over) on first use; throws where that cannot be done. */
export function canvasWorker(canvas: HTMLCanvasElement): CanvasWorker {
  const known = workers.get(canvas);
  if (known) return known;
  const offscreen = canvas.transferControlToOffscreen();
  const worker = new Worker(new URL('./webcodecsWorker.ts', import.meta.url), { type: 'module' });
  let listener: ((message: FromWorker) => void) | null = null;
  worker.addEventListener('message', (event: MessageEvent<FromWorker>) => listener?.(event.data));
  // The script could not load (a CSP without worker-src 'self', a missing file): the player falls back to MSE.
  worker.addEventListener('error', (event) =>
    listener?.({ type: 'fault', session: -1, fault: 'unsupported', detail: `worker: ${event.message}` }),
  );
  const entry: Entry = {
    worker,
    post: (message, transfer = []) => worker.postMessage(message, transfer),
    listen: (next) => {
      listener = next;
    },
  };
  entry.post({ type: 'canvas', canvas: offscreen }, [offscreen]);
  workers.set(canvas, entry);
  return entry;
}

/** The canvas is leaving the page: its worker (decoder and all) ends. */
export function releaseCanvasWorker(canvas: HTMLCanvasElement): void {
  const entry = workers.get(canvas);
  if (!entry) return;
  workers.delete(canvas);
  entry.listen(null);
  entry.worker.terminate();
}
