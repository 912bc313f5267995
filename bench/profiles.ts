/**
 * Camera set-ups the benchmark runs: the issue-2 pipeline (intrusion + wrong-way) and everything
 * enabled (all eight events, a zone of each kind), on a real clip.
 */
import type { CameraConfig } from '../src/config/schema.ts';
import { cameraSchema } from '../src/config/schema.ts';
import { EVENT_TYPES } from '../src/core/types.ts';

const FULL = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]];
const LOWER = [[0.0, 0.5], [1.0, 0.5], [1.0, 1.0], [0.0, 1.0]];

export type Profile = 'pipeline' | 'issue3' | 'all';

/** Events per profile: the issue-2 pipeline, plus abandoned objects / falls / density, or all eight. */
const PROFILE_EVENTS: Record<Profile, readonly string[]> = {
  pipeline: ['intrusion', 'wrong_way'],
  issue3: ['intrusion', 'wrong_way', 'abandoned_object', 'person_down', 'crowd_density'],
  all: EVENT_TYPES,
};

export function benchCamera(id: string, url: string, profile: Profile): CameraConfig {
  const zones: unknown[] = [
    { id: 'restricted', kind: 'forbidden', polygon: LOWER },
    { id: 'one-way', kind: 'flow', polygon: FULL, direction: [0, -1] },
  ];
  if (profile !== 'pipeline') zones.push({ id: 'crowd', kind: 'crowd', polygon: FULL, areaM2: 400, maxPersonsPerM2: 2 });
  return cameraSchema.parse({
    id,
    url,
    events: [...PROFILE_EVENTS[profile]],
    zones,
  });
}
