/**
 * An alert's measured details in words, with units: one formatter per event type (pure), shared
 * by the console's detail screen and the evidence export. Keys no formatter knows still show, as
 * words ("energy sigmas: 3.1"), never as raw keys.
 */
import type { Alert, EventType } from './types.ts';

export interface Fact {
  readonly label: string;
  readonly text: string;
}

type Details = Readonly<Record<string, number | string>>;
type Formatter = (d: Details) => Fact[];

const n = (v: number | string | undefined, digits = 1): string | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? String(Number(v.toFixed(digits))) : typeof v === 'string' && v !== '' ? v : undefined;
const pct = (v: number | string | undefined): string | undefined => (typeof v === 'number' && Number.isFinite(v) ? `${Math.round(v * 100)} %` : undefined);
const sec = (v: number | string | undefined): string | undefined => {
  const s = n(v);
  return s === undefined ? undefined : `${s} s`;
};

/** Facts whose value is known; a formatter lists them in reading order. */
const facts = (...rows: [string, string | undefined][]): Fact[] => rows.flatMap(([label, text]) => (text === undefined ? [] : [{ label, text }]));

const FORMATTERS: Record<EventType, Formatter> = {
  intrusion: (d) => facts(['Time in the zone', sec(d.dwellSeconds)]),
  abandoned_object: (d) =>
    facts(
      ['Left unattended for', sec(d.unattendedSeconds)],
      ['Motionless for', sec(d.stillSeconds)],
      ['Alert threshold', sec(d.requiredSeconds)],
      ['Persons seen with it', d.ownerTrackIds ? String(d.ownerTrackIds).split(',').filter(Boolean).map((id) => `#${id}`).join(', ') : undefined],
    ),
  crowd_density: (d) =>
    facts(
      ['Persons counted', n(d.count, 0)],
      ['Density', n(d.density, 2) && `${n(d.density, 2)} persons/m²`],
      ['Zone area', n(d.areaM2, 0) && `${n(d.areaM2, 0)} m²`],
    ),
  crowd_movement: (d) =>
    facts(
      ['Pattern', d.branch === 'run' ? 'persons running' : d.branch === 'crush' ? 'crowd pressing and surging' : d.branch === 'baseline' ? 'motion far above the usual' : n(d.branch)],
      ['Persons running', n(d.runners, 0)],
      ['Upper-body speed', n(d.bodyHeightsPerSecond, 2) && `${n(d.bodyHeightsPerSecond, 2)} body heights/s`],
      ['Share of the view moving', pct(d.movingShare ?? d.movingFraction)],
      ['Turbulence', n(d.turbulence, 2)],
      ['Motion vs usual', n(d.energyRatio) && `${n(d.energyRatio)}× the usual`],
      ['Speed vs usual', n(d.speedRatio) && `${n(d.speedRatio)}× the usual`],
      ['Motion above usual', n(d.energySigmas) && `${n(d.energySigmas)} standard deviations`],
      ['Spreading', n(d.divergencePerSecond, 2) && `${n(d.divergencePerSecond, 2)} per second`],
      ['Same direction', pct(d.coherence)],
    ),
  fire: (d) =>
    facts(
      ['Seen for', sec(d.heldSeconds)],
      ['Regions', n(d.regions, 0)],
      ['Found by', d.source === 'colour' ? 'flame/smoke colour and flicker' : d.source === 'model' ? 'the fire and smoke detector' : n(d.source)],
    ),
  weapon: (d) =>
    facts(
      ['Weapon', typeof d.weapon === 'string' ? d.weapon.replace(/_/g, ' ') : undefined],
      ['Seen in', n(d.seen, 0) && `${n(d.seen, 0)} of the last ${n(d.looks, 0) ?? '?'} looks`],
    ),
  wrong_way: (d) =>
    facts(
      ['Off the allowed direction', n(d.angleDeg, 0) && `${n(d.angleDeg, 0)}°`],
      ['Distance travelled', pct(d.distance) && `${pct(d.distance)} of the frame`],
      ['Over', sec(d.spanSeconds)],
    ),
  person_down: (d) =>
    facts(
      ['On the ground for', sec(d.downSeconds)],
      ['Head came down by', pct(d.descent) && `${pct(d.descent)} of standing height`],
      ['Body width / height', n(d.aspect, 2)],
      ['Torso from vertical', n(d.torsoDeg, 0) && `${n(d.torsoDeg, 0)}°`],
    ),
};

/** Keys each formatter reads: anything else is shown by `otherFacts`. */
const KNOWN = new Set([
  'dwellSeconds', 'unattendedSeconds', 'stillSeconds', 'requiredSeconds', 'ownerTrackIds', 'count', 'density', 'areaM2', 'branch', 'runners',
  'bodyHeightsPerSecond', 'movingShare', 'movingFraction', 'turbulence', 'energyRatio', 'speedRatio', 'energySigmas', 'divergencePerSecond',
  'coherence', 'heldSeconds', 'regions', 'source', 'weapon', 'seen', 'looks', 'angleDeg', 'distance', 'spanSeconds', 'downSeconds', 'descent',
  'aspect', 'torsoDeg',
]);

/** `energySigmas` -> `Energy sigmas`. */
export function keyToWords(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function otherFacts(d: Details): Fact[] {
  return Object.entries(d)
    .filter(([k]) => !KNOWN.has(k))
    .flatMap(([k, v]) => facts([keyToWords(k), n(v, 3)]));
}

/** The details of one alert in words, by its type. */
export function detailFacts(type: EventType, details: Details | undefined): Fact[] {
  const d = details ?? {};
  return [...FORMATTERS[type](d), ...otherFacts(d)];
}

export interface FactContext {
  readonly cameraName?: string;
  readonly zoneKind?: string;
  /** Wall-clock time in words (the console: local time; the export: ISO with offset). */
  readonly formatTime: (ms: number) => string;
}

/** Everything measured about an alert, in reading order: where, when, what. */
export function alertFacts(a: Pick<Alert, 'type' | 'cameraId' | 'frameWallMs' | 'zoneId' | 'trackId' | 'score' | 'details'>, ctx: FactContext): Fact[] {
  return [
    ...facts(
      ['Camera', ctx.cameraName ? `${ctx.cameraName} (${a.cameraId})` : a.cameraId],
      ['Time of the frame', ctx.formatTime(a.frameWallMs)],
      ['Zone', a.zoneId && (ctx.zoneKind ? `${a.zoneId} (${ctx.zoneKind})` : a.zoneId)],
      ['Tracked object', a.trackId === undefined ? undefined : `#${a.trackId}`],
      ['Confidence', pct(a.score)],
    ),
    ...detailFacts(a.type, a.details),
  ];
}
