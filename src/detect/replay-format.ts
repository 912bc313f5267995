/**
 * The replay format: JSONL, one line per analysed frame:
 *   {"tMs": 200, "detections": [{"box": {"x1":..,"y1":..,"x2":..,"y2":..}, "label": "person", "score": 0.9}]}
 * Parsing is strict and names the file and line of the first bad line.
 */
import { z } from 'zod';
import type { Detection } from '../core/types.ts';
import { VigieError } from '../core/errors.ts';
import { labelSchema } from '../config/schema.ts';

const unit = z.number().min(0).max(1);

export const replayLineSchema = z.strictObject({
  tMs: z.number().finite().min(0),
  detections: z.array(
    z.strictObject({
      box: z
        .strictObject({ x1: unit, y1: unit, x2: unit, y2: unit })
        .refine((b) => b.x1 <= b.x2 && b.y1 <= b.y2, { message: 'box needs x1 <= x2 and y1 <= y2' }),
      label: labelSchema,
      score: unit,
    }),
  ),
});

export interface ReplayFrame {
  readonly tMs: number;
  readonly detections: readonly Detection[];
}

function issueText(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(line)'}: ${i.message}`).join('; ');
}

/** Parses a whole replay file; blank lines are skipped; tMs must increase strictly. */
export function parseReplay(text: string, file: string): ReplayFrame[] {
  const frames: ReplayFrame[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const where = `${file}:${i + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (err) {
      throw new VigieError('MODEL_INVALID', `replay file ${where}: not valid JSON (${err instanceof Error ? err.message : String(err)})`, { cause: err });
    }
    const parsed = replayLineSchema.safeParse(json);
    if (!parsed.success) throw new VigieError('MODEL_INVALID', `replay file ${where}: ${issueText(parsed.error.issues)}`);
    const prev = frames[frames.length - 1];
    if (prev && parsed.data.tMs <= prev.tMs) {
      throw new VigieError('MODEL_INVALID', `replay file ${where}: tMs ${parsed.data.tMs} does not increase (previous ${prev.tMs})`);
    }
    frames.push(parsed.data);
  });
  return frames;
}

/** One line of the format (no newline); numbers rounded to 5 decimals to keep files small. */
export function formatReplayLine(tMs: number, detections: readonly Detection[]): string {
  const r = (v: number): number => Math.round(v * 1e5) / 1e5;
  return JSON.stringify({
    tMs: r(tMs),
    detections: detections.map((d) => ({
      box: { x1: r(d.box.x1), y1: r(d.box.y1), x2: r(d.box.x2), y2: r(d.box.y2) },
      label: d.label,
      score: r(d.score),
    })),
  });
}

/** Median gap between consecutive frames, or undefined with fewer than two frames. */
export function medianPeriodMs(frames: readonly ReplayFrame[]): number | undefined {
  const gaps = frames.slice(1).map((f, i) => f.tMs - frames[i]!.tMs).sort((a, b) => a - b);
  return gaps.length === 0 ? undefined : gaps[Math.floor(gaps.length / 2)];
}

/** The frame nearest to tMs when within maxDistanceMs (ties go to the earlier frame); frames sorted by tMs. */
export function nearestFrame(frames: readonly ReplayFrame[], tMs: number, maxDistanceMs: number): ReplayFrame | undefined {
  let lo = 0;
  let hi = frames.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (frames[mid]!.tMs < tMs) lo = mid + 1;
    else hi = mid;
  }
  const candidates = [frames[lo - 1], frames[lo]].filter((f): f is ReplayFrame => f !== undefined);
  const best = candidates.sort((a, b) => Math.abs(a.tMs - tMs) - Math.abs(b.tMs - tMs))[0];
  return best && Math.abs(best.tMs - tMs) <= maxDistanceMs ? best : undefined;
}
