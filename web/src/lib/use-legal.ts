/**
 * The legal state (GET /api/legal/state) and the authorisations (GET /api/authorisations), loaded
 * on mount, again whenever a camera stops or starts failing (a window opened or closed, a kill
 * switch: the server stops or starts cameras, the hub hears it), when this console changed
 * something (`legalChanged()`), and every minute besides. The components showing it at the same
 * time share one load (every API read is journaled: no more of them than needed).
 */
import { useContext, useEffect, useState, useSyncExternalStore } from 'react';
import { api, describeError } from '../api/client.ts';
import { HubContext } from '../api/hub-hooks.ts';
import type { CameraView } from '../api/types.ts';
import { useI18n } from '../i18n/context.tsx';
import type { AuthorisationView, LegalState } from './legal.ts';

const CHANGED = 'vigie:legal-changed';
const REFRESH_MS = 60_000;
const SHARED_MS = 2000;
const NO_CAMERAS: readonly CameraView[] = [];
let generation = 0;
let shared: { readonly key: string; readonly atMs: number; readonly result: Promise<[LegalState, AuthorisationView[]]> } | undefined;

/** One load for every component asking with the same key within SHARED_MS. */
function loadShared(key: string): Promise<[LegalState, AuthorisationView[]]> {
  const now = Date.now();
  if (shared && shared.key === key && now - shared.atMs < SHARED_MS) return shared.result;
  const result = Promise.all([api.get<LegalState>('/api/legal/state'), api.get<AuthorisationView[]>('/api/authorisations')]);
  shared = { key, atMs: now, result };
  return result;
}
const noSubscription = (): (() => void) => () => undefined;

/** Tells every mounted useLegal to load again (after an authorisation or a kill switch changed). */
export function legalChanged(): void {
  generation += 1;
  window.dispatchEvent(new Event(CHANGED));
}

export interface Legal {
  readonly state: LegalState | undefined;
  readonly authorisations: readonly AuthorisationView[];
  readonly error: string | undefined;
}

export function useLegal(): Legal {
  const { t } = useI18n();
  // Outside the signed-in console (the first-run wizard) there is no hub: no camera to follow.
  const hub = useContext(HubContext);
  const cameras = useSyncExternalStore(hub?.onChange ?? noSubscription, hub?.cameras ?? (() => NO_CAMERAS));
  const refreshKey = cameras.map((c) => `${c.id}:${c.enabled}:${c.status.state === 'failed' ? c.status.reason : ''}`).join(',');
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
    loadShared(`${generation}|${refreshKey}`).then(
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
