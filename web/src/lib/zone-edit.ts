/**
 * The zone editor's model and its pure edits: a zone being drawn is open (points added by
 * clicks) until closed; closing, dragging or deleting a point is refused when the polygon would
 * be invalid (too few points, too small, self-intersecting), with the schema's own message in the
 * console's language (`lang`). A privacy mask is drawn the same way, as a shape of kind `mask`
 * (the camera's `privacyMasks`: a polygon only, its id exists in the editor alone).
 */
import { polygonSchema, zoneSchema } from '../../../src/config/schema.ts';
import type { Lang } from '../../../src/core/lang.ts';
import type { LabelGroup } from '../../../src/core/types.ts';
import type { ZoneConfig } from '../api/types.ts';
import { translator } from '../i18n/translator.ts';
import { roundNorm, type XY } from './geometry.ts';
import { issueLines, issueMessage } from './schema-issues.ts';

export type ZoneKind = ZoneConfig['kind'];
/** The kinds in the order the editor offers them. */
export const ZONE_KINDS: readonly ZoneKind[] = ['forbidden', 'flow', 'crowd', 'watch'];
/** A shape of the editor: a zone, or a privacy mask. */
export type EditKind = ZoneKind | 'mask';
export type MaskPolygon = [number, number][];

export interface EditZone {
  readonly id: string;
  readonly kind: EditKind;
  readonly points: readonly XY[];
  readonly closed: boolean;
  readonly direction?: XY;
  readonly areaM2?: number;
  readonly maxPersonsPerM2?: number;
  readonly groups?: readonly LabelGroup[];
}

export type EditResult = { readonly ok: true; readonly zone: EditZone } | { readonly ok: false; readonly message: string };

/** The schema's verdict on a closed polygon, or undefined when it is valid. */
export function polygonProblem(points: readonly XY[], lang: Lang): string | undefined {
  const r = polygonSchema.safeParse(points.map(([x, y]) => [x, y]));
  return r.success ? undefined : r.error.issues.map((i) => issueMessage(i, lang)).join(lang === 'fr' ? ' ; ' : '; ');
}

export const isMask = (z: EditZone): boolean => z.kind === 'mask';
export const isZone = (z: EditZone): z is EditZone & { readonly kind: ZoneKind } => z.kind !== 'mask';

/** 1 for the first privacy mask of the list, 2 for the second...; 0 for a zone. */
export function maskNumber(z: EditZone, all: readonly EditZone[]): number {
  return isMask(z) ? all.filter(isMask).indexOf(z) + 1 : 0;
}

export function newZone(kind: EditKind, existing: readonly EditZone[]): EditZone {
  let n = existing.length + 1;
  while (existing.some((z) => z.id === `${kind}-${n}`)) n += 1;
  return { id: `${kind}-${n}`, kind, points: [], closed: false, ...(kind === 'flow' ? { direction: [0, -1] as XY } : {}) };
}

export function addPoint(zone: EditZone, p: XY, lang: Lang): EditResult {
  const t = translator(lang);
  if (zone.closed) return { ok: false, message: t('zones.polygonClosed') };
  if (zone.points.length >= 64) return { ok: false, message: t('zones.polygonMaxPoints', { max: 64 }) };
  return { ok: true, zone: { ...zone, points: [...zone.points, [roundNorm(p[0]), roundNorm(p[1])]] } };
}

export function closeZone(zone: EditZone, lang: Lang): EditResult {
  const t = translator(lang);
  if (zone.points.length < 3) return { ok: false, message: t('zones.polygonMinPoints', { min: 3 }) };
  const problem = polygonProblem(zone.points, lang);
  return problem ? { ok: false, message: t('zones.cannotClose', { problem }) } : { ok: true, zone: { ...zone, closed: true } };
}

/** Replaces the points of a closed zone only if the result is still a valid polygon. */
function withPoints(zone: EditZone, points: readonly XY[], lang: Lang): EditResult {
  if (!zone.closed) return { ok: true, zone: { ...zone, points } };
  const problem = polygonProblem(points, lang);
  return problem ? { ok: false, message: problem } : { ok: true, zone: { ...zone, points } };
}

export function movePoint(zone: EditZone, index: number, p: XY, lang: Lang): EditResult {
  return withPoints(zone, zone.points.map((q, i) => (i === index ? ([roundNorm(p[0]), roundNorm(p[1])] as XY) : q)), lang);
}

export function insertPoint(zone: EditZone, afterIndex: number, p: XY, lang: Lang): EditResult {
  const points = [...zone.points];
  points.splice(afterIndex + 1, 0, [roundNorm(p[0]), roundNorm(p[1])]);
  return withPoints(zone, points, lang);
}

export function removePoint(zone: EditZone, index: number, lang: Lang): EditResult {
  if (zone.closed && zone.points.length <= 3) return { ok: false, message: translator(lang)('zones.polygonMinPoints', { min: 3 }) };
  return withPoints(zone, zone.points.filter((_, i) => i !== index), lang);
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

/** A camera's privacy mask as an editor shape; `index` makes its editor-only id. */
export function fromMask(polygon: readonly (readonly [number, number])[], index: number): EditZone {
  return { id: `mask-${index + 1}`, kind: 'mask', points: polygon.map(([x, y]) => [x, y] as XY), closed: true };
}

export function toMask(z: EditZone): MaskPolygon {
  return z.points.map(([x, y]) => [x, y] as [number, number]);
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
export function toConfig(z: EditZone & { readonly kind: ZoneKind }): ZoneConfig {
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
export function zoneIssues(zone: EditZone, all: readonly EditZone[], lang: Lang): string[] {
  const t = translator(lang);
  const out: string[] = [];
  if (!zone.closed) out.push(t('zones.notClosed'));
  if (all.filter((z) => z.id === zone.id).length > 1) out.push(t('zones.duplicateId', { id: zone.id }));
  if (zone.closed && isZone(zone)) {
    const r = zoneSchema.safeParse(toConfig(zone));
    if (!r.success) out.push(...issueLines(r.error.issues, lang));
  }
  if (zone.closed && isMask(zone)) {
    const problem = polygonProblem(zone.points, lang);
    if (problem) out.push(t('cameras.issueLine', { path: 'polygon', message: problem }));
  }
  if (zone.kind === 'crowd' && zone.areaM2 === undefined) out.push(t('cameras.issueLine', { path: 'areaM2', message: t('zones.crowdNeedsArea') }));
  return out;
}
