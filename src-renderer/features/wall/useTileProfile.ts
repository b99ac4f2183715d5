import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Camera } from '../../../src-shared/contract';
import type { LiveProfile } from '../../../src-shared/contract/streams';
import { chooseProfile } from '../../../src-shared/domain/layout';

/** Sub stream while the tile is small, main once it is large or maximised, measured as the tile resizes. */
export function useTileProfile(
  element: RefObject<HTMLElement | null>,
  camera: Camera | null,
  maximised: boolean,
): LiveProfile {
  const [size, setSize] = useState({ width: 0, height: 0 });
  const current = useRef<LiveProfile | null>(null);
  useEffect(() => {
    const target = element.current;
    if (!target) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const scale = window.devicePixelRatio || 1;
      setSize({
        width: Math.round(entry.contentRect.width * scale),
        height: Math.round(entry.contentRect.height * scale),
      });
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [element]);

  const sub = camera?.profiles.find((p) => p.role === 'sub');
  const profile = chooseProfile({
    widthPx: size.width,
    heightPx: size.height,
    maximised,
    sub: sub ? { width: sub.width, height: sub.height } : camera ? null : { width: 640, height: 360 },
    hasMain: camera ? camera.profiles.some((p) => p.role === 'main') : true,
    current: current.current,
  });
  current.current = profile;
  return profile;
}
