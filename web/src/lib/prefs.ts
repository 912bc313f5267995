/** Operator preferences kept in localStorage (mute), read defensively. */
import { useCallback, useState } from 'react';

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
