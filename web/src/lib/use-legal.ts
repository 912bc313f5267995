/**
 * The legal state (GET /api/legal/state) and the authorisations (GET /api/authorisations), loaded
 * on mount, again whenever `refreshKey` changes (the cameras' states), when this console changed
 * something (`legalChanged()`), and every 30 s (a window that opened or closed by itself).
 */
import { useEffect, useState } from 'react';
import { api, describeError } from '../api/client.ts';
import { useI18n } from '../i18n/context.tsx';
import type { AuthorisationView, LegalState } from './legal.ts';

const CHANGED = 'vigie:legal-changed';
const REFRESH_MS = 30_000;

/** Tells every mounted useLegal to load again (after an authorisation or a kill switch changed). */
export function legalChanged(): void {
  window.dispatchEvent(new Event(CHANGED));
}

export interface Legal {
  readonly state: LegalState | undefined;
  readonly authorisations: readonly AuthorisationView[];
  readonly error: string | undefined;
}

export function useLegal(refreshKey = ''): Legal {
  const { t } = useI18n();
  const [legal, setLegal] = useState<Legal>({ state: undefined, authorisations: [], error: undefined });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const again = (): void => setTick((n) => n + 1);
    window.addEventListener(CHANGED, again);
    const timer = window.setInterval(again, REFRESH_MS);
    return () => {
      window.removeEventListener(CHANGED, again);
      window.clearInterval(timer);
    };
  }, []);
  useEffect(() => {
    let live = true;
    Promise.all([api.get<LegalState>('/api/legal/state'), api.get<AuthorisationView[]>('/api/authorisations')]).then(
      ([state, authorisations]) => live && setLegal({ state, authorisations, error: undefined }),
      (err: unknown) => live && setLegal((l) => ({ ...l, error: describeError(err, t) })),
    );
    return () => {
      live = false;
    };
    // t changes with the language: the error is worded again at the next load.
  }, [tick, refreshKey]);
  return legal;
}
