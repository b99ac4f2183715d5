import { useEffect, useRef, type RefObject } from 'react';
import { heldVelocity, keyIntent, type HoldIntent } from './keys';
import type { PtzDriver } from './ptzDriver';

export type KeyboardScope = 'panel' | 'window';

interface KeyHandlers {
  home: () => void;
  preset: (index: number) => void;
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/**
 * Arrow keys and +/- steer while held, Home and 1–9 act once. With scope 'panel' only while focus is in the
 * panel; with 'window' anywhere on the page except in text fields and in dialogs the panel is not part of.
 * Held keys are tracked by physical key (`code`) so Shift pressed or released mid-hold cannot strand one.
 */
export function useKeyboardPtz(
  driver: PtzDriver | null,
  panel: RefObject<HTMLElement | null>,
  scope: KeyboardScope,
  handlers: KeyHandlers,
): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    const root = panel.current;
    if (!driver || !root) return;
    const held = new Map<string, HoldIntent>();
    let fast = false;
    const apply = (): void => driver.set('keys', heldVelocity(held.values(), fast));
    const clear = (): void => {
      held.clear();
      apply();
    };

    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || isTyping(event.target)) return;
      const inDialog = event.target instanceof Element && event.target.closest('[role="dialog"]') !== null;
      if (inDialog && !(event.target instanceof Node && root.contains(event.target))) return;
      if (event.key === 'Shift') {
        fast = true;
        if (held.size > 0) apply();
        return;
      }
      const intent = keyIntent(event.key);
      if (!intent) return;
      event.preventDefault();
      if (intent.kind === 'hold') {
        if (held.has(event.code)) return;
        held.set(event.code, intent);
        fast = event.shiftKey;
        apply();
      } else if (!event.repeat) {
        if (intent.kind === 'home') latest.current.home();
        else latest.current.preset(intent.index);
      }
    };
    const onKeyUp = (event: KeyboardEvent): void => {
      if (event.key === 'Shift') {
        fast = false;
        if (held.size > 0) apply();
      } else if (held.delete(event.code)) apply();
    };
    const onFocusOut = (event: FocusEvent): void => {
      if (!(event.relatedTarget instanceof Node && root.contains(event.relatedTarget))) clear();
    };

    const keyTarget: HTMLElement | Window = scope === 'window' ? window : root;
    keyTarget.addEventListener('keydown', onKeyDown as EventListener);
    // Releases are heard everywhere: focus may have moved since the key went down.
    window.addEventListener('keyup', onKeyUp);
    window.addEventListener('blur', clear);
    if (scope === 'panel') root.addEventListener('focusout', onFocusOut);
    return () => {
      keyTarget.removeEventListener('keydown', onKeyDown as EventListener);
      window.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('blur', clear);
      root.removeEventListener('focusout', onFocusOut);
      held.clear();
      driver.set('keys', heldVelocity([], false));
    };
  }, [driver, panel, scope]);
}
