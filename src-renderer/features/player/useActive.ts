import { useEffect, useState, type RefObject } from 'react';

/**
 * True while the element is on screen and the window is visible. Hidden tiles stop their players and close
 * their channels (DESIGN.md §5): a wall page nobody sees decodes nothing.
 */
export function useActive(element: RefObject<HTMLElement | null>): boolean {
  // Until the observer has looked, assume off screen: a tile mounted hidden never opens a channel.
  const [onScreen, setOnScreen] = useState(() => typeof IntersectionObserver === 'undefined');
  const [pageVisible, setPageVisible] = useState(() => document.visibilityState !== 'hidden');

  useEffect(() => {
    const onVisibility = () => setPageVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, []);

  useEffect(() => {
    const target = element.current;
    if (!target || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      const last = entries.at(-1);
      if (last) setOnScreen(last.isIntersecting);
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [element]);

  return onScreen && pageVisible;
}
