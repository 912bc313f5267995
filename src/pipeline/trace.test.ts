import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Frame } from '../core/types.ts';
import { createExtras, extraKey } from '../rules/extras.ts';
import type { FrameResult } from './analysis.ts';
import { createTraceWriter, traceRecord } from './trace.ts';

const frame: Frame = { cameraId: 'c', seq: 7, tMs: 1400, wallMs: 0, width: 2, height: 2, data: new Uint8Array(12) };

function result(): FrameResult {
  const { extras, writer } = createExtras();
  writer.set(extraKey<ReadonlyMap<number, { torsoDeg: number }>>('pose.samples'), new Map([[4, { torsoDeg: 81.23456 }]]));
  return {
    detections: [{ label: 'person', score: 0.123456, box: { x1: 0.1, y1: 0.2, x2: 0.3, y2: 0.9 } }],
    tracks: [
      {
        id: 4,
        label: 'person',
        box: { x1: 0.1, y1: 0.2, x2: 0.3, y2: 0.9 },
        score: 0.5,
        state: 'lost',
        velocity: { x: 0.01, y: -0.02 },
        firstSeenMs: 200,
        lastSeenMs: 1000,
        hits: 5,
      },
    ],
    events: [],
    detectMs: 12.5,
    detectorRan: true,
    analyzerMs: { pose: 3 },
    extras,
    explanations: { person_down: { reason: 'track 4: falling, needs the top 0.5 down', subjects: [{ id: 'track:4', phase: 'falling', reason: 'top 0.31 down' }] } },
  };
}

describe('traceRecord', () => {
  it('holds raw detections, tracks with state, extras by name, rule reasons and events', () => {
    const r = traceRecord(frame, result());
    expect(r).toMatchObject({
      seq: 7,
      t: 1.4,
      detections: [{ label: 'person', score: 0.1235, box: [0.1, 0.2, 0.3, 0.9] }],
      tracks: [{ id: 4, state: 'lost', ageSeconds: 1.2, unseenSeconds: 0.4, velocity: [0.01, -0.02] }],
      extras: { 'pose.samples': { 4: { torsoDeg: 81.2346 } } },
      rules: { person_down: { reason: 'track 4: falling, needs the top 0.5 down' } },
      events: [],
    });
  });
});

describe('createTraceWriter', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigie-trace-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one JSON line per frame and ignores writes after close', () => {
    const file = path.join(dir, 't.jsonl');
    const w = createTraceWriter(file);
    w.write(frame, result());
    w.write({ ...frame, seq: 8, tMs: 1600 }, result());
    w.close();
    w.write(frame, result());
    w.close();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([7, 8]);
  });
});
