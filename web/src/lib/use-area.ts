import { useEffect, useRef, useState } from 'react';

/**
 * The space an element can fill: its observed width, and the window's height below its top less
 * `bottomPx` (what follows it on screen). Followed on resize.
 */
export function useArea<T extends HTMLElement>(bottomPx: number): [React.RefObject<T | null>, { widthPx: number; heightPx: number }] {
  const ref = useRef<T>(null);
  const [area, setArea] = useState({ widthPx: 1280, heightPx: 720 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = (): void => {
      const r = el.getBoundingClientRect();
      const next = { widthPx: Math.round(r.width), heightPx: Math.max(200, Math.round(window.innerHeight - r.top - bottomPx)) };
      setArea((old) => (old.widthPx === next.widthPx && old.heightPx === next.heightPx ? old : next));
    };
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    window.addEventListener('resize', measure);
    measure();
    return () => {
      ro.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [bottomPx]);
  return [ref, area];
}
