/** GET /api/events, fetched once per page load (the parameter documentation does not change). */
import { api } from './client.ts';
import type { EventDoc } from './types.ts';

let cached: Promise<readonly EventDoc[]> | undefined;

export function loadEventDocs(): Promise<readonly EventDoc[]> {
  cached ??= api.get<EventDoc[]>('/api/events').catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}
