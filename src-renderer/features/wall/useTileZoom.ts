import { useCallback, useEffect, useRef, useState, type PointerEvent, type RefObject } from 'react';
import { NO_ZOOM, panBy, zoomAt, type ZoomState } from '../player';

const WHEEL_STEP = 1.2;

/** Digital zoom on a tile: the wheel zooms about the cursor, dragging pans while zoomed. */
export function useTileZoom(
  tile: RefObject<HTMLElement | null>,
  element: RefObject<HTMLElement | null>,
  resetKey: string,
) {
  const [zoom, setZoom] = useState<ZoomState>(NO_ZOOM);
  const drag = useRef<{ x: number; y: number; id: number } | null>(null);

  useEffect(() => setZoom(NO_ZOOM), [resetKey]);

  useEffect(() => {
    const root = tile.current;
    if (!root) return;
    // Native listener: React's wheel listener is passive and could not keep the page from scrolling. It sits
    // on the tile, which always exists, and zooms the picture when there is one.
    const onWheel = (event: WheelEvent) => {
      const target = element.current;
      if (!target) return;
      event.preventDefault();
      const box = target.getBoundingClientRect();
      const factor = event.deltaY < 0 ? WHEEL_STEP : 1 / WHEEL_STEP;
      setZoom((z) => zoomAt(z, factor, event.clientX - box.left, event.clientY - box.top, box.width, box.height));
    };
    root.addEventListener('wheel', onWheel, { passive: false });
    return () => root.removeEventListener('wheel', onWheel);
  }, [tile, element]);

  const onPointerDown = useCallback(
    (event: PointerEvent<HTMLElement>) => {
      if (zoom.scale === 1 || event.button !== 0) return;
      drag.current = { x: event.clientX, y: event.clientY, id: event.pointerId };
      event.currentTarget.setPointerCapture(event.pointerId);
    },
    [zoom.scale],
  );
  const onPointerMove = useCallback(
    (event: PointerEvent<HTMLElement>) => {
      const start = drag.current;
      const target = element.current;
      if (!start || start.id !== event.pointerId || !target) return;
      const dx = event.clientX - start.x;
      const dy = event.clientY - start.y;
      drag.current = { ...start, x: event.clientX, y: event.clientY };
      setZoom((z) => panBy(z, dx, dy, target.clientWidth, target.clientHeight));
    },
    [element],
  );
  const onPointerUp = useCallback((event: PointerEvent<HTMLElement>) => {
    if (drag.current?.id === event.pointerId) drag.current = null;
  }, []);
  const reset = useCallback(() => setZoom(NO_ZOOM), []);

  return { zoom, reset, handlers: { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp } };
}
