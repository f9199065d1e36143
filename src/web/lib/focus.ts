import { useEffect, useRef, type RefObject } from 'react';

/**
 * After a navigation to another page, the first page heading that mounts takes the focus,
 * so that screen reader and keyboard users start at the new content.
 */
let pending = false;

export function requestHeadingFocus(): void {
  pending = true;
}

export function useFocusWhenRequested<T extends HTMLElement>(): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (pending && ref.current) {
      pending = false;
      ref.current.focus({ preventScroll: true });
    }
  }, []);
  return ref;
}
