/** Operator preferences kept in localStorage (mute, the live wall's layout per window), read defensively. */
import { useCallback, useEffect, useState } from 'react';
import { LEGACY_HIDDEN_KEY, layoutKey, parseLayout, serializeLayout, type WallLayout } from './wall-layout.ts';

export function usePersistentFlag(key: string, initial: boolean): [boolean, (v: boolean) => void] {
  const [value, setValue] = useState<boolean>(() => {
    const raw = window.localStorage.getItem(key);
    return raw === null ? initial : raw === '1';
  });
  const set = useCallback(
    (v: boolean) => {
      window.localStorage.setItem(key, v ? '1' : '0');
      setValue(v);
    },
    [key],
  );
  return [value, set];
}

/** The stored layout of `key`; `fallback` (the layout shown so far) when that key has none. */
function readLayout(key: string, fallback?: WallLayout): WallLayout {
  const raw = window.localStorage.getItem(key);
  if (raw === null && fallback) return fallback;
  const { layout, problem } = parseLayout(raw, window.localStorage.getItem(LEGACY_HIDDEN_KEY));
  if (problem) console.warn(problem);
  return layout;
}

const currentKey = (): string => layoutKey(window.name, window.screen.width, window.screen.height);

/**
 * The live wall's layout for this window (its name) on this screen (its size). Moved to a screen
 * of another size, the window takes that screen's layout, or keeps its own when there is none.
 */
export function useWallLayout(): [WallLayout, (update: (old: WallLayout) => WallLayout) => void] {
  const [state, setState] = useState(() => ({ key: currentKey(), layout: readLayout(currentKey()) }));
  useEffect(() => {
    const onResize = (): void => {
      const key = currentKey();
      setState((s) => (s.key === key ? s : { key, layout: readLayout(key, s.layout) }));
    };
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  useEffect(() => window.localStorage.setItem(state.key, serializeLayout(state.layout)), [state]);
  const update = useCallback((f: (old: WallLayout) => WallLayout) => setState((s) => ({ ...s, layout: f(s.layout) })), []);
  return [state.layout, update];
}
