/**
 * Evidence clip availability: GET /api/alerts/:id/clip.mp4 answers 202 while the clip is being
 * encoded; poll until 200 (ready) or 404 (none). The body of the 200 probe is cancelled, the
 * <video> element then streams it with range requests. A failure comes back as what went wrong
 * (the screen says it in its language), not as a sentence.
 */
import { useEffect, useState } from 'react';
import { toApiError } from '../api/client.ts';

export type ClipState = 'checking' | 'pending' | 'ready' | 'none' | 'error';
/** Why the clip is unavailable: still encoding after GIVE_UP_MS, or an error (an ApiError, a network error). */
export type ClipProblem = { readonly kind: 'timeout' } | { readonly kind: 'error'; readonly error: unknown };
export interface Clip {
  readonly state: ClipState;
  readonly problem?: ClipProblem;
}

const POLL_MS = 1500;
export const GIVE_UP_MS = 180_000;

export function useClip(url: string): Clip {
  const [result, setResult] = useState<Clip>({ state: 'checking' });
  useEffect(() => {
    let stopped = false;
    let timer: number | undefined;
    const started = Date.now();
    const probe = async (): Promise<void> => {
      try {
        const res = await fetch(url, { credentials: 'same-origin' });
        if (stopped) return void res.body?.cancel();
        if (res.status === 200) {
          void res.body?.cancel();
          return setResult({ state: 'ready' });
        }
        if (res.status === 202 && Date.now() - started < GIVE_UP_MS) {
          void res.body?.cancel();
          setResult({ state: 'pending' });
          timer = window.setTimeout(() => void probe(), POLL_MS);
          return;
        }
        if (res.status === 404) return setResult({ state: 'none' });
        const data: unknown = await res.json().catch(() => undefined);
        setResult({ state: 'error', problem: res.status === 202 ? { kind: 'timeout' } : { kind: 'error', error: toApiError(res.status, data) } });
      } catch (err) {
        if (!stopped) setResult({ state: 'error', problem: { kind: 'error', error: err } });
      }
    };
    void probe();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [url]);
  return result;
}
