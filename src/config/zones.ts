import type { Zone } from '../core/types.ts';
import type { ZoneConfig } from './schema.ts';

/** Config zone (tuples, as written in YAML) -> core zone (points, unit direction). */
export function toZone(z: ZoneConfig): Zone {
  const dir = z.direction ? { x: z.direction[0], y: z.direction[1] } : undefined;
  const len = dir ? Math.hypot(dir.x, dir.y) : 0;
  return {
    id: z.id,
    kind: z.kind,
    polygon: z.polygon.map(([x, y]) => ({ x, y })),
    ...(dir && len > 0 ? { direction: { x: dir.x / len, y: dir.y / len } } : {}),
    ...(z.areaM2 !== undefined ? { areaM2: z.areaM2 } : {}),
    ...(z.maxPersonsPerM2 !== undefined ? { maxPersonsPerM2: z.maxPersonsPerM2 } : {}),
    ...(z.groups ? { groups: z.groups } : {}),
  };
}
