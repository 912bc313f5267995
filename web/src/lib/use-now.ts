import { useEffect, useState } from 'react';

/** Current time, refreshed every `periodMs` (for "2 min ago" labels). */
export function useNow(periodMs = 10_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), periodMs);
    return () => window.clearInterval(t);
  }, [periodMs]);
  return now;
}
