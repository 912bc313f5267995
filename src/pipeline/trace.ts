/**
 * `vigie analyze --trace file.jsonl`: one JSON line per analysed frame with everything a decision
 * rests on: the detector's raw output, the tracks with their state, each analyzer's extras and each
 * rule's state and reason for not firing, and the events raised.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Box, Frame } from '../core/types.ts';
import type { FrameResult } from './analysis.ts';
import { toJsonSafe, type JsonValue } from './json-safe.ts';

const r4 = (x: number): number => Math.round(x * 10_000) / 10_000;
const box4 = (b: Box): [number, number, number, number] => [r4(b.x1), r4(b.y1), r4(b.x2), r4(b.y2)];

/** The trace line of one analysed frame. Pure. */
export function traceRecord(frame: Frame, result: FrameResult): Record<string, JsonValue> {
  const extras: { [key: string]: JsonValue } = {};
  for (const [key, value] of result.extras) extras[key.name] = toJsonSafe(value);
  return {
    seq: frame.seq,
    t: r4(frame.tMs / 1000),
    detections: result.detections.map((d) => ({ label: d.label, score: r4(d.score), box: box4(d.box) })),
    tracks: result.tracks.map((t) => ({
      id: t.id,
      label: t.label,
      state: t.state,
      score: r4(t.score),
      box: box4(t.box),
      velocity: [r4(t.velocity.x), r4(t.velocity.y)],
      hits: t.hits,
      ageSeconds: r4((frame.tMs - t.firstSeenMs) / 1000),
      unseenSeconds: r4((frame.tMs - t.lastSeenMs) / 1000),
    })),
    extras,
    rules: toJsonSafe(result.explanations ?? {}),
    events: result.events.map((e) => toJsonSafe(e)),
    detectMs: r4(result.detectMs),
    detectorRan: result.detectorRan,
    ...(result.gate ? { gate: result.gate.reason } : {}),
    ...(result.windows ? { windows: result.windows.map(box4) } : {}),
    analyzerMs: toJsonSafe(result.analyzerMs),
  };
}

export interface TraceWriter {
  write(frame: Frame, result: FrameResult): void;
  close(): void;
}

/** Appends one line per frame to `file` (created or truncated). Synchronous: a trace is a debugging run. */
export function createTraceWriter(file: string): TraceWriter {
  const fd = openSync(file, 'w');
  let open = true;
  return {
    write(frame, result) {
      if (open) writeSync(fd, `${JSON.stringify(traceRecord(frame, result))}\n`);
    },
    close() {
      if (!open) return;
      open = false;
      closeSync(fd);
    },
  };
}
