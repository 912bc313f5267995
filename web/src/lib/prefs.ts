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

/** The live wall's layout for this window (its name) on this screen (its size). */
export function useWallLayout(): [WallLayout, (update: (old: WallLayout) => WallLayout) => void] {
  const [key] = useState(() => layoutKey(window.name, window.screen.width, window.screen.height));
  const [layout, setLayout] = useState<WallLayout>(() => {
    const { layout: stored, problem } = parseLayout(window.localStorage.getItem(key), window.localStorage.getItem(LEGACY_HIDDEN_KEY));
    if (problem) console.warn(problem);
    return stored;
  });
  useEffect(() => window.localStorage.setItem(key, serializeLayout(layout)), [key, layout]);
  return [layout, setLayout];
}
