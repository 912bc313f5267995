/**
 * GET /api/system-health on mount and every 15 s while the component is shown (each read is
 * journaled: no faster). Undefined until the first answer; a failed read keeps the last one.
 */
import { useEffect, useState } from 'react';
import { api } from './client.ts';
import type { SystemHealth } from './types.ts';

const REFRESH_MS = 15_000;

export function useSystemHealth(): SystemHealth | undefined {
  const [health, setHealth] = useState<SystemHealth>();
  useEffect(() => {
    const load = (): void =>
      void api.get<SystemHealth>('/api/system-health').then(setHealth, (err: unknown) => console.warn('system health', err));
    load();
    const timer = window.setInterval(load, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, []);
  return health;
}
