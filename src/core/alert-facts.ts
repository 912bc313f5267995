/**
 * An alert's measured details in words, with units, in French or English: one formatter per event
 * type (pure), shared by the console's detail screen and the evidence export. Keys no formatter
 * knows still show, as words ("Energy sigmas: 3.1"), never as raw keys. Numbers take the language's
 * decimal mark (1,3 s / 1.3 s); the words are in alert-facts-words.ts.
 */
import { FACT_WORDS, WEAPON_WORDS, ZONE_KIND_WORDS, say, type FactWord } from './alert-facts-words.ts';
import type { Lang } from './lang.ts';
import type { Alert, EventType } from './types.ts';

export interface Fact {
  readonly label: string;
  readonly text: string;
}

type Details = Readonly<Record<string, number | string>>;
type Value = number | string | undefined;

/** The helpers of one language, handed to each formatter. */
interface Wording {
  /** A number to `digits` decimals at most (a non-empty string passes as is). */
  n(v: Value, digits?: number): string | undefined;
  pct(v: Value): string | undefined;
  sec(v: Value): string | undefined;
  w(word: FactWord, params?: Readonly<Record<string, string>>): string;
  /** `{v}` of a word filled with a known value; undefined when the value is not known. */
  with(value: string | undefined, word: FactWord): string | undefined;
}

function wording(lang: Lang): Wording {
  const n = (v: Value, digits = 1): string | undefined => {
    if (typeof v === 'number' && Number.isFinite(v)) {
      const s = String(Number(v.toFixed(digits)));
      return lang === 'fr' ? s.replace('.', ',') : s;
    }
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const w = (word: FactWord, params?: Readonly<Record<string, string>>): string => say(FACT_WORDS[word], lang, params);
  return {
    n,
    pct: (v) => (typeof v === 'number' && Number.isFinite(v) ? `${Math.round(v * 100)} %` : undefined),
    sec: (v) => {
      const s = n(v);
      return s === undefined ? undefined : `${s} s`;
    },
    w,
    with: (value, word) => (value === undefined ? undefined : w(word, { v: value })),
  };
}

type Formatter = (d: Details, x: Wording, lang: Lang) => Fact[];

/** Facts whose value is known; a formatter lists them in reading order. */
const facts = (...rows: [string, string | undefined][]): Fact[] => rows.flatMap(([label, text]) => (text === undefined ? [] : [{ label, text }]));

const pattern = (branch: Value, x: Wording): string | undefined =>
  branch === 'run' ? x.w('branchRun') : branch === 'crush' ? x.w('branchCrush') : branch === 'baseline' ? x.w('branchBaseline') : x.n(branch);

const weaponName = (weapon: Value, lang: Lang): string | undefined => {
  if (typeof weapon !== 'string') return undefined;
  const known = WEAPON_WORDS[weapon];
  return known ? known[lang] : weapon.replace(/_/g, ' ');
};

const FORMATTERS: Record<EventType, Formatter> = {
  intrusion: (d, x) => facts([x.w('dwell'), x.sec(d.dwellSeconds)]),
  abandoned_object: (d, x) =>
    facts(
      [x.w('unattended'), x.sec(d.unattendedSeconds)],
      [x.w('still'), x.sec(d.stillSeconds)],
      [x.w('threshold'), x.sec(d.requiredSeconds)],
      [x.w('owners'), d.ownerTrackIds ? String(d.ownerTrackIds).split(',').filter(Boolean).map((id) => `#${id}`).join(', ') : undefined],
    ),
  crowd_density: (d, x) =>
    facts(
      [x.w('count'), x.n(d.count, 0)],
      [x.w('density'), x.with(x.n(d.density, 2), 'densityValue')],
      [x.w('area'), x.n(d.areaM2, 0) && `${x.n(d.areaM2, 0)} m²`],
    ),
  crowd_movement: (d, x) =>
    facts(
      [x.w('pattern'), pattern(d.branch, x)],
      [x.w('runners'), x.n(d.runners, 0)],
      [x.w('bodySpeed'), x.with(x.n(d.bodyHeightsPerSecond, 2), 'bodySpeedValue')],
      [x.w('movingShare'), x.pct(d.movingShare ?? d.movingFraction)],
      [x.w('turbulence'), x.n(d.turbulence, 2)],
      [x.w('energyRatio'), x.with(x.n(d.energyRatio), 'ratioValue')],
      [x.w('speedRatio'), x.with(x.n(d.speedRatio), 'ratioValue')],
      [x.w('energySigmas'), x.with(x.n(d.energySigmas), 'sigmasValue')],
      [x.w('spreading'), x.with(x.n(d.divergencePerSecond, 2), 'perSecondValue')],
      [x.w('coherence'), x.pct(d.coherence)],
    ),
  fire: (d, x) =>
    facts(
      [x.w('heldFor'), x.sec(d.heldSeconds)],
      [x.w('regions'), x.n(d.regions, 0)],
      [x.w('foundBy'), d.source === 'colour' ? x.w('sourceColour') : d.source === 'model' ? x.w('sourceModel') : x.n(d.source)],
    ),
  weapon: (d, x, lang) => {
    const seen = x.n(d.seen, 0);
    return facts(
      [x.w('weapon'), weaponName(d.weapon, lang)],
      [x.w('seenIn'), seen && x.w('seenInValue', { seen, looks: x.n(d.looks, 0) ?? '?' })],
    );
  },
  wrong_way: (d, x) =>
    facts(
      [x.w('angle'), x.n(d.angleDeg, 0) && `${x.n(d.angleDeg, 0)}°`],
      [x.w('distance'), x.with(x.pct(d.distance), 'distanceValue')],
      [x.w('span'), x.sec(d.spanSeconds)],
    ),
  person_down: (d, x) =>
    facts(
      [x.w('down'), x.sec(d.downSeconds)],
      [x.w('descent'), x.with(x.pct(d.descent), 'descentValue')],
      [x.w('aspect'), x.n(d.aspect, 2)],
      [x.w('torso'), x.n(d.torsoDeg, 0) && `${x.n(d.torsoDeg, 0)}°`],
    ),
};

/** Keys each formatter reads: anything else is shown by `otherFacts`. */
const KNOWN = new Set([
  'dwellSeconds', 'unattendedSeconds', 'stillSeconds', 'requiredSeconds', 'ownerTrackIds', 'count', 'density', 'areaM2', 'branch', 'runners',
  'bodyHeightsPerSecond', 'movingShare', 'movingFraction', 'turbulence', 'energyRatio', 'speedRatio', 'energySigmas', 'divergencePerSecond',
  'coherence', 'heldSeconds', 'regions', 'source', 'weapon', 'seen', 'looks', 'angleDeg', 'distance', 'spanSeconds', 'downSeconds', 'descent',
  'aspect', 'torsoDeg',
]);

/** `energySigmas` -> `Energy sigmas`: the code's own name in words (the same in every language). */
export function keyToWords(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function otherFacts(d: Details, x: Wording): Fact[] {
  return Object.entries(d)
    .filter(([k]) => !KNOWN.has(k))
    .flatMap(([k, v]) => facts([keyToWords(k), x.n(v, 3)]));
}

/** The details of one alert in words, by its type. */
export function detailFacts(type: EventType, details: Details | undefined, lang: Lang): Fact[] {
  const d = details ?? {};
  const x = wording(lang);
  return [...FORMATTERS[type](d, x, lang), ...otherFacts(d, x)];
}

export interface FactContext {
  readonly cameraName?: string;
  /** The zone's kind code (forbidden, flow…): named in the language. */
  readonly zoneKind?: string;
  /** Wall-clock time in words (the console: local time in its language; the export: UTC). */
  readonly formatTime: (ms: number) => string;
}

/** Everything measured about an alert, in reading order: where, when, what. */
export function alertFacts(
  a: Pick<Alert, 'type' | 'cameraId' | 'frameWallMs' | 'zoneId' | 'trackId' | 'score' | 'details'>,
  lang: Lang,
  ctx: FactContext,
): Fact[] {
  const x = wording(lang);
  const kind = ctx.zoneKind && (ZONE_KIND_WORDS[ctx.zoneKind]?.[lang] ?? ctx.zoneKind);
  return [
    ...facts(
      [x.w('camera'), ctx.cameraName ? `${ctx.cameraName} (${a.cameraId})` : a.cameraId],
      [x.w('frameTime'), ctx.formatTime(a.frameWallMs)],
      [x.w('zone'), a.zoneId && (kind ? `${a.zoneId} (${kind})` : a.zoneId)],
      [x.w('track'), a.trackId === undefined ? undefined : `#${a.trackId}`],
      [x.w('confidence'), x.pct(a.score)],
    ),
    ...detailFacts(a.type, a.details, lang),
  ];
}

/**
 * One line for the queue and the detail's heading, in the console's language: the first two
 * measured facts of the alert's type ("Temps dans la zone : 2,1 s"), or the server's own message
 * (English, technical) when its details say nothing a formatter knows.
 */
export function alertSummary(alert: Pick<Alert, 'type' | 'details' | 'message'>, lang: Lang): string {
  const known = FORMATTERS[alert.type](alert.details ?? {}, wording(lang), lang).slice(0, 2);
  if (known.length === 0) return alert.message;
  return known.map((f) => `${f.label}${lang === 'fr' ? ' : ' : ': '}${f.text}`).join(' · ');
}
