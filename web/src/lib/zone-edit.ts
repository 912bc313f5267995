/**
 * The zone editor's model and its pure edits: a zone being drawn is open (points added by
 * clicks) until closed; closing, dragging or deleting a point is refused when the polygon would
 * be invalid (too few points, too small, self-intersecting), with the schema's own message.
 */
import { formatIssues } from '../../../src/config/issues.ts';
import { polygonSchema, zoneSchema } from '../../../src/config/schema.ts';
import type { LabelGroup } from '../../../src/core/types.ts';
import type { ZoneConfig } from '../api/types.ts';
import { roundNorm, type XY } from './geometry.ts';

export type ZoneKind = ZoneConfig['kind'];

export interface EditZone {
  readonly id: string;
  readonly kind: ZoneKind;
  readonly points: readonly XY[];
  readonly closed: boolean;
  readonly direction?: XY;
  readonly areaM2?: number;
  readonly maxPersonsPerM2?: number;
  readonly groups?: readonly LabelGroup[];
}

export type EditResult = { readonly ok: true; readonly zone: EditZone } | { readonly ok: false; readonly message: string };

/** The schema's verdict on a closed polygon, or undefined when it is valid. */
export function polygonProblem(points: readonly XY[]): string | undefined {
  const r = polygonSchema.safeParse(points.map(([x, y]) => [x, y]));
  return r.success ? undefined : r.error.issues.map((i) => i.message).join('; ');
}

export function newZone(kind: ZoneKind, existing: readonly EditZone[]): EditZone {
  let n = existing.length + 1;
  while (existing.some((z) => z.id === `${kind}-${n}`)) n += 1;
  return { id: `${kind}-${n}`, kind, points: [], closed: false, ...(kind === 'flow' ? { direction: [0, -1] as XY } : {}) };
}

export function addPoint(zone: EditZone, p: XY): EditResult {
  if (zone.closed) return { ok: false, message: 'the polygon is closed: drag its points, or add one on an edge' };
  if (zone.points.length >= 64) return { ok: false, message: 'a polygon has at most 64 points' };
  return { ok: true, zone: { ...zone, points: [...zone.points, [roundNorm(p[0]), roundNorm(p[1])]] } };
}

export function closeZone(zone: EditZone): EditResult {
  if (zone.points.length < 3) return { ok: false, message: 'a polygon needs at least 3 points' };
  const problem = polygonProblem(zone.points);
  return problem ? { ok: false, message: `cannot close: ${problem}` } : { ok: true, zone: { ...zone, closed: true } };
}

/** Replaces the points of a closed zone only if the result is still a valid polygon. */
function withPoints(zone: EditZone, points: readonly XY[]): EditResult {
  if (!zone.closed) return { ok: true, zone: { ...zone, points } };
  const problem = polygonProblem(points);
  return problem ? { ok: false, message: problem } : { ok: true, zone: { ...zone, points } };
}

export function movePoint(zone: EditZone, index: number, p: XY): EditResult {
  return withPoints(zone, zone.points.map((q, i) => (i === index ? ([roundNorm(p[0]), roundNorm(p[1])] as XY) : q)));
}

export function insertPoint(zone: EditZone, afterIndex: number, p: XY): EditResult {
  const points = [...zone.points];
  points.splice(afterIndex + 1, 0, [roundNorm(p[0]), roundNorm(p[1])]);
  return withPoints(zone, points);
}

export function removePoint(zone: EditZone, index: number): EditResult {
  if (zone.closed && zone.points.length <= 3) return { ok: false, message: 'a polygon needs at least 3 points' };
  return withPoints(zone, zone.points.filter((_, i) => i !== index));
}

/**
 * Index of the vertex nearest to p within `radius` (in fractions of the frame width), or -1.
 * `aspect` is width / height: a unit of y is 1 / aspect of a unit of x on screen.
 */
export function hitVertex(points: readonly XY[], p: XY, radius: number, aspect = 1): number {
  let best = -1;
  let bestD = radius;
  points.forEach(([x, y], i) => {
    const d = Math.hypot(x - p[0], (y - p[1]) / aspect);
    if (d <= bestD) {
      best = i;
      bestD = d;
    }
  });
  return best;
}

export function fromConfig(z: ZoneConfig): EditZone {
  return {
    id: z.id,
    kind: z.kind,
    points: z.polygon.map(([x, y]) => [x, y] as XY),
    closed: true,
    ...(z.direction ? { direction: [z.direction[0], z.direction[1]] as XY } : {}),
    ...(z.areaM2 !== undefined ? { areaM2: z.areaM2 } : {}),
    ...(z.maxPersonsPerM2 !== undefined ? { maxPersonsPerM2: z.maxPersonsPerM2 } : {}),
    ...(z.groups ? { groups: z.groups } : {}),
  };
}

/** Config zone for the API; only the fields that apply to the kind. */
export function toConfig(z: EditZone): ZoneConfig {
  return {
    id: z.id,
    kind: z.kind,
    polygon: z.points.map(([x, y]) => [x, y] as [number, number]),
    ...(z.kind === 'flow' && z.direction ? { direction: [z.direction[0], z.direction[1]] as [number, number] } : {}),
    ...(z.kind === 'crowd' && z.areaM2 !== undefined ? { areaM2: z.areaM2 } : {}),
    ...(z.kind === 'crowd' && z.maxPersonsPerM2 !== undefined ? { maxPersonsPerM2: z.maxPersonsPerM2 } : {}),
    ...((z.kind === 'forbidden' || z.kind === 'flow') && z.groups?.length ? { groups: [...z.groups] } : {}),
  };
}

/** Every problem of one zone (schema issues, open polygon, duplicate id), one line each. */
export function zoneIssues(zone: EditZone, all: readonly EditZone[]): string[] {
  const out: string[] = [];
  if (!zone.closed) out.push('polygon not closed (click its first point, or "Close polygon")');
  if (all.filter((z) => z.id === zone.id).length > 1) out.push(`duplicate zone id "${zone.id}"`);
  if (zone.closed) {
    const r = zoneSchema.safeParse(toConfig(zone));
    if (!r.success) out.push(...formatIssues(r.error.issues));
  }
  if (zone.kind === 'crowd' && zone.areaM2 === undefined) out.push('areaM2: a crowd zone needs its ground area to estimate the density');
  return out;
}
