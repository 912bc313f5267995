/**
 * The `weapon` frame analyzer: a closer look around persons. COCO (hence NanoDet) knows `knife`
 * and `baseball_bat` but no firearm, and both are small in a 640 px frame; so each person (at a
 * reduced rate, schedule.ts) is cropped with a margin and the crop goes through the main detector
 * (crop.ts), and through the camera's weapon model when one is configured (camera.weaponDetector:
 * pistol, rifle, knife...). A weapon counts when it is held: its box touches the person's box grown
 * a little. It only measures; the weapon rule (rules/weapon.ts) decides.
 * With motion gating (`input.gate`), a look at a person whose crop is the same rectangle as at its
 * last look, over pixels no motion region touched since, reuses that look's crop detections: the
 * detectors would see the same pixels (change-watch.ts). The look schedule is unchanged.
 */
import { LABEL_GROUPS, type Box, type Detection, type Label, type Track } from '../../core/types.ts';
import { growBox, intersection } from '../../core/geometry.ts';
import type { Detector } from '../../detect/detector.ts';
import { extraKey } from '../../rules/extras.ts';
import type { AnalyzerFactory, AnalyzerInput, FrameAnalyzer } from '../analyzer.ts';
import { openEventModel } from '../event-model.ts';
import { createChangeWatch } from '../change-watch.ts';
import { cropRgb, personCrop, toFrame } from './crop.ts';
import { DEFAULT_SCHEDULE, initialSchedule, pickLooks, type ScheduleOptions } from './schedule.ts';

export interface WeaponLook {
  readonly trackId: number;
  readonly tMs: number;
  readonly personBox: Box;
  /** Weapons held by the person in this look, frame coordinates, best first. */
  readonly weapons: readonly Detection[];
}

export interface WeaponLooks {
  /** The persons looked at in this frame (most frames: none). */
  readonly looks: readonly WeaponLook[];
}

export const WEAPON_LOOKS = extraKey<WeaponLooks>('weapon');

export interface WeaponAnalyzerOptions {
  readonly schedule: ScheduleOptions;
  /** Crop margin around the person box, as a share of its longer side on each side. */
  readonly cropMargin: number;
  /** A weapon is held when it touches the person box grown by this share of its size on each side. */
  readonly holdGrow: number;
  /** Labels taken from the main detector (COCO). */
  readonly mainLabels: readonly Label[];
  /** Score threshold of main-detector weapons when the camera has no threshold table. */
  readonly defaultMinScore: number;
}

export const DEFAULT_WEAPON_ANALYZER: WeaponAnalyzerOptions = {
  schedule: DEFAULT_SCHEDULE,
  cropMargin: 0.25,
  holdGrow: 0.1,
  mainLabels: ['knife', 'baseball_bat'],
  defaultMinScore: 0.35,
};

const WEAPON_LABELS: ReadonlySet<Label> = new Set(LABEL_GROUPS.weapon);

export function isHeld(weapon: Box, person: Box, growShare: number): boolean {
  return intersection(weapon, growBox(person, growShare)) > 0;
}

export interface WeaponAnalyzerDeps {
  readonly detector: Detector;
  /** Minimum score per label for the main detector's output (the camera's threshold table). */
  readonly minScore?: (label: Label) => number;
  /** The camera's weapon model, already filtered at its own minScore. */
  readonly model?: Detector;
}

export function createWeaponAnalyzer(deps: WeaponAnalyzerDeps, o: WeaponAnalyzerOptions = DEFAULT_WEAPON_ANALYZER): FrameAnalyzer {
  let schedule = initialSchedule(o.schedule);
  const minScore = deps.minScore ?? (() => o.defaultMinScore);
  const keepMain = (d: Detection): boolean => o.mainLabels.includes(d.label) && d.score >= minScore(d.label);
  const watch = createChangeWatch();
  /** The crop detections of each person's last look (frame coordinates). */
  const lastCrop = new Map<number, readonly Detection[]>();

  async function cropDetections(input: AnalyzerInput, person: Track): Promise<readonly Detection[]> {
    const { frame } = input;
    const rect = personCrop(person.box, frame.width, frame.height, o.cropMargin);
    const key = `person${person.id}`;
    const area = { x1: rect.x1 / frame.width, y1: rect.y1 / frame.height, x2: rect.x2 / frame.width, y2: rect.y2 / frame.height };
    const kept = lastCrop.get(person.id);
    if (kept && watch.unchangedAt(key, area)) return kept;
    const crop = { ...cropRgb(frame, rect), tMs: frame.tMs };
    const main = (await deps.detector.detect(crop)).filter(keepMain);
    const extra = deps.model ? (await deps.model.detect(crop)).filter((d) => WEAPON_LABELS.has(d.label)) : [];
    const inCrop = [...main, ...extra].map((d) => toFrame(d, rect, frame.width, frame.height));
    lastCrop.set(person.id, inCrop);
    watch.mark(key, area);
    return inCrop;
  }

  async function look(input: AnalyzerInput, person: Track): Promise<WeaponLook> {
    const { frame } = input;
    const inCrop = await cropDetections(input, person);
    const whole = input.detections.filter(keepMain);
    const weapons = [...inCrop, ...whole].filter((d) => isHeld(d.box, person.box, o.holdGrow)).sort((a, b) => b.score - a.score);
    return { trackId: person.id, tMs: frame.tMs, personBox: person.box, weapons };
  }

  return {
    name: 'weapon',
    async analyze(input, out) {
      watch.see(input.gate, input.frame.tMs);
      for (const id of lastCrop.keys()) {
        if (input.tracks.some((t) => t.id === id)) continue;
        lastCrop.delete(id);
        watch.forget(`person${id}`);
      }
      const picked = pickLooks(schedule, input.tracks, input.frame.tMs, input.frame.height, o.schedule);
      schedule = picked.state;
      const looks: WeaponLook[] = [];
      for (const id of picked.ids) {
        const person = input.tracks.find((t) => t.id === id);
        if (person) looks.push(await look(input, person));
      }
      out.set(WEAPON_LOOKS, { looks });
    },
    close: async () => deps.model?.close(),
  };
}

export const weaponAnalyzerFactory: AnalyzerFactory = {
  name: 'weapon',
  async create({ camera, deps }) {
    const model = camera.weaponDetector ? await openEventModel(camera.weaponDetector, { modelsDir: deps.modelsDir }) : undefined;
    const table = deps.thresholds;
    return createWeaponAnalyzer({ detector: deps.detector, ...(table ? { minScore: (l: Label) => table[l] } : {}), ...(model ? { model } : {}) });
  },
};
