import { useEffect, useState } from 'react';
import { firstPad, padVelocityOrStill } from './gamepad';
import type { PtzDriver } from './ptzDriver';
import { STILL } from './velocity';

/**
 * Polls the Gamepad API once per animation frame while a pad is connected (browsers expose a pad only after
 * a button press on it) and sends only changes of velocity. A pad that disappears, or a hidden page, stops
 * the camera. Returns the pad's name for the panel.
 */
export function useGamepadPtz(driver: PtzDriver | null): string | null {
  const [name, setName] = useState<string | null>(null);

  useEffect(() => {
    if (!driver || typeof navigator.getGamepads !== 'function') return;
    let frame: number | null = null;
    let lastKey = '';
    let lastName: string | null = null;

    const poll = (): void => {
      frame = null;
      const pad = firstPad(navigator.getGamepads());
      const v = padVelocityOrStill(pad);
      const key = `${v.pan}|${v.tilt}|${v.zoom}`;
      if (key !== lastKey) {
        lastKey = key;
        driver.set('gamepad', v);
      }
      const id = pad?.id ?? null;
      if (id !== lastName) {
        lastName = id;
        setName(id);
      }
      if (pad) frame = requestAnimationFrame(poll);
    };
    const start = (): void => {
      frame ??= requestAnimationFrame(poll);
    };
    const onVisibility = (): void => {
      if (!document.hidden) return start();
      // rAF does not run in a hidden page: the last reading would stay in force.
      lastKey = '';
      driver.set('gamepad', STILL);
    };

    window.addEventListener('gamepadconnected', start);
    window.addEventListener('gamepaddisconnected', start);
    document.addEventListener('visibilitychange', onVisibility);
    start();
    return () => {
      window.removeEventListener('gamepadconnected', start);
      window.removeEventListener('gamepaddisconnected', start);
      document.removeEventListener('visibilitychange', onVisibility);
      if (frame !== null) cancelAnimationFrame(frame);
      driver.set('gamepad', STILL);
      setName(null);
    };
  }, [driver]);

  return name;
}
