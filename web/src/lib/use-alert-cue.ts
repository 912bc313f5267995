/**
 * The console's sound cue (see cue.ts): plays on each new alert and repeats while an alert waits
 * unacknowledged; `blocked` is true when the browser refused the sound (no gesture yet), until
 * `enable` (from a click) or any later gesture lets it play.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useAlertStream, usePending } from '../api/hub-hooks.ts';
import type { StoredAlert } from '../api/types.ts';
import { acknowledged } from './ack.ts';
import { onAudioStateChange, playCue, unlockAudio } from './beep.ts';
import { CUE_REPEAT_MS, cueDue } from './cue.ts';

export function useAlertCue(muted: boolean): { blocked: boolean; enable: () => void } {
  const pending = usePending();
  const pendingRef = useRef(pending);
  pendingRef.current = pending;
  const [blocked, setBlocked] = useState(false);

  const ring = useCallback(
    (arrived?: StoredAlert) => {
      if (muted) return;
      const due = cueDue(arrived ? [arrived, ...pendingRef.current] : pendingRef.current, acknowledged());
      if (due !== undefined) setBlocked(playCue(due) === 'blocked');
    },
    [muted],
  );

  useAlertStream(useCallback((alert: StoredAlert, kind: 'alert' | 'alert-updated') => kind === 'alert' && ring(alert), [ring]));

  useEffect(() => {
    const timer = window.setInterval(() => ring(), CUE_REPEAT_MS);
    return () => window.clearInterval(timer);
  }, [ring]);

  useEffect(() => onAudioStateChange((outcome) => outcome === 'played' && setBlocked(false)), []);

  const enable = useCallback(() => {
    unlockAudio().then(
      (ok) => setBlocked(!ok),
      (err: unknown) => console.warn('sound could not be enabled', err),
    );
  }, []);
  return { blocked, enable };
}
