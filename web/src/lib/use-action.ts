/** An async action with its busy flag and its error message (shown as the server or the check words it). */
import { useState } from 'react';
import { describeError } from '../api/client.ts';
import { useI18n } from '../i18n/context.tsx';

export interface Action {
  readonly busy: boolean;
  readonly error: string | undefined;
  /** Runs `task` unless one is already running; a thrown error becomes `error`. */
  run(task: () => Promise<void>): Promise<void>;
  setError(message: string | undefined): void;
}

export function useAction(): Action {
  const { t, fmt } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async (task: () => Promise<void>): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await task();
    } catch (err) {
      setError(describeError(err, t, fmt));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, setError };
}
