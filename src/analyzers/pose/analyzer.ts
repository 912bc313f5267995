/**
 * The pose analyzer (for person_down): MoveNet on square crops of candidate persons only (see
 * candidates.ts), and quarter-turned searches for fallen persons the tracker lost (redetect.ts).
 * Writes POSES and LYING_SIGHTINGS (extras.ts); every decision stays in the rule.
 *
 * Without the pose model file it warns once and runs without poses (the rule then judges on boxes).
 * The search needs a real detector: a replay detector answers by timestamp, not by pixels, so the
 * search is off with one.
 *
 * With motion gating (`input.gate`), a candidate whose crop is the same square as at its last pose,
 * over pixels no motion region touched since, reuses that pose's keypoints: MoveNet would get the
 * same input (change-watch.ts). Which candidates get a pose, and when, is unchanged.
 */
import { existsSync } from 'node:fs';
import type { Detector } from '../../detect/detector.ts';
import { modelPath } from '../../models/paths.ts';
import type { AnalyzerFactory, AnalyzerInput, FrameAnalyzer } from '../analyzer.ts';
import { createChangeWatch } from '../change-watch.ts';
import type { ExtrasWriter } from '../../rules/extras.ts';
import { LYING_SIGHTINGS, POSES, type LyingSighting, type PoseSample } from './extras.ts';
import {
  findCandidates,
  lostAfterOnset,
  opensSite,
  sitesToSearch,
  updateHistories,
  updateSites,
  type PersonHistory,
  type SearchResult,
  type Site,
} from './candidates.ts';
import { cropToInput, squareCrop } from './crop.ts';
import { decodeMoveNet } from './keypoints.ts';
import { openSharedMoveNet, type PoseModel } from './movenet.ts';
import { poseSample } from './sample.ts';
import { isSighting, searchSite } from './redetect.ts';
import { DEFAULT_TUNING, tuningOf, type FallTuning } from '../../rules/person-down-evidence.ts';

export const POSE_ANALYZER = 'pose';
/** Poses per frame at most (the most descended candidates first). */
export const MAX_POSES_PER_FRAME = 2;
/** Site searches per frame at most. */
export const MAX_SEARCHES_PER_FRAME = 2;
/**
 * No pose on a box whose longer side is under this many pixels: a person that small has no joints
 * MoveNet can place (its 192-pixel input would be an upscaled blur), and a pose read there is noise.
 */
export const MIN_POSE_BOX_PX = 48;
/** Margin around the box in the pose crop, per side, as a fraction of its longer side. */
export const CROP_MARGIN = 0.2;

export interface PoseAnalyzerOptions {
  readonly model?: PoseModel;
  /** For the search of lost fallen persons; omitted: no search. */
  readonly detector?: Detector;
  readonly downSeconds: number;
  /** The camera's person_down calibration (params fallDescent, fallMinHeight). */
  readonly tuning?: FallTuning;
}

export function createPoseAnalyzer(opts: PoseAnalyzerOptions): FrameAnalyzer {
  const { model, detector } = opts;
  const downMs = opts.downSeconds * 1000;
  const k = opts.tuning ?? DEFAULT_TUNING;
  let histories = new Map<number, PersonHistory>();
  let sites = new Map<number, Site>();
  /** The fall onset for which each person's place was opened after a loss (once per onset). */
  const opened = new Map<number, number | undefined>();
  let input: Int32Array | undefined;
  const watch = createChangeWatch();
  /** Each person's last keypoints, for a crop that did not change. */
  const lastKeypoints = new Map<number, ReturnType<typeof decodeMoveNet>>();

  return {
    name: POSE_ANALYZER,
    async analyze({ frame, tracks, detections, gate }: AnalyzerInput, out: ExtrasWriter) {
      const { tMs } = frame;
      watch.see(gate, tMs);
      const frameAspect = frame.width / frame.height;
      histories = updateHistories(histories, tracks, tMs, frameAspect, detections, k);
      const candidates = findCandidates(histories, tracks, tMs, frameAspect, k);
      const poses = new Map<number, PoseSample>();
      if (model) {
        const poseable = candidates.filter((c) => Math.max((c.box.x2 - c.box.x1) * frame.width, (c.box.y2 - c.box.y1) * frame.height) >= MIN_POSE_BOX_PX);
        for (const c of poseable.slice(0, MAX_POSES_PER_FRAME)) {
          const rect = squareCrop(c.box, frame.width, frame.height, CROP_MARGIN);
          const key = `person${c.trackId}`;
          const area = { x1: rect.x0 / frame.width, y1: rect.y0 / frame.height, x2: (rect.x0 + rect.side) / frame.width, y2: (rect.y0 + rect.side) / frame.height };
          let kps = watch.unchangedAt(key, area) ? lastKeypoints.get(c.trackId) : undefined;
          if (!kps) {
            input = cropToInput(frame, rect, model.inputSize, input);
            kps = decodeMoveNet(await model.run(input));
            lastKeypoints.set(c.trackId, kps);
            watch.mark(key, area);
          }
          poses.set(c.trackId, poseSample(c.trackId, kps, rect, frame.width, frame.height));
        }
      }
      const sightings = new Map<number, LyingSighting>();
      const results = new Map<number, SearchResult>();
      if (detector) {
        for (const site of sitesToSearch(sites, tracks, tMs).slice(0, MAX_SEARCHES_PER_FRAME)) {
          const hit = await searchSite(detector, frame, site);
          results.set(site.trackId, hit ? { score: hit.sighting.score, turn: hit.turn } : { score: 0 });
          if (hit && isSighting(hit.sighting.score, site.scores ?? [])) sightings.set(site.trackId, hit.sighting);
        }
      }
      // A person lost soon after a fall started opens one site per onset (a candidate reopens its own).
      const lost = lostAfterOnset(histories, tracks, tMs).filter((o) => !sites.has(o.trackId) && opened.get(o.trackId) !== histories.get(o.trackId)?.onsetMs);
      for (const o of lost) opened.set(o.trackId, histories.get(o.trackId)?.onsetMs);
      for (const id of opened.keys()) if (!histories.has(id)) opened.delete(id);
      for (const id of lastKeypoints.keys()) {
        if (histories.has(id)) continue;
        lastKeypoints.delete(id);
        watch.forget(`person${id}`);
      }
      const opening = [...candidates.filter((c) => opensSite(c, poses.get(c.trackId), k)), ...lost];
      sites = updateSites(sites, opening, tMs, downMs, results);
      out.set(POSES, poses);
      out.set(LYING_SIGHTINGS, sightings);
    },
    async close() {
      await model?.release();
    },
  };
}

export const poseAnalyzerFactory: AnalyzerFactory = {
  name: POSE_ANALYZER,
  async create({ camera, deps }) {
    const file = modelPath('movenet-lightning', deps.modelsDir);
    let model: PoseModel | undefined;
    if (existsSync(file)) model = await openSharedMoveNet(file);
    else console.error(`[pose ${camera.id}] ${file} is missing (run \`vigie models install\`): person_down judges on boxes only`);
    const searchable = !deps.detector.name.startsWith('replay:');
    return createPoseAnalyzer({
      ...(model ? { model } : {}),
      ...(searchable ? { detector: deps.detector } : {}),
      downSeconds: camera.params.downSeconds,
      tuning: tuningOf(camera.params),
    });
  },
};
