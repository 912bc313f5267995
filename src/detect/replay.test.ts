import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Detection } from '../core/types.ts';
import type { Detector } from './detector.ts';
import { createReplayDetector, recordDetections } from './replay.ts';
import { nearestFrame, parseReplay } from './replay-format.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'vigie-replay-'));
const person: Detection = { box: { x1: 0.1, y1: 0.2, x2: 0.3, y2: 0.9 }, label: 'person', score: 0.9 };
const car: Detection = { box: { x1: 0.5, y1: 0.5, x2: 0.7, y2: 0.6 }, label: 'car', score: 0.4 };
const line = (tMs: number, dets: Detection[]) => JSON.stringify({ tMs, detections: dets });
const input = (tMs: number) => ({ tMs, width: 2, height: 2, data: new Uint8Array(12) });

describe('parseReplay errors name file and line', () => {
  const cases = [
    { name: 'not JSON', text: `${line(0, [])}\n{oops`, error: /f\.jsonl:2: not valid JSON/ },
    { name: 'unknown label', text: line(0, [{ ...person, label: 'dog' as 'person' }]), error: /f\.jsonl:1: detections\.0\.label/ },
    { name: 'score out of range', text: line(0, [{ ...person, score: 1.5 }]), error: /f\.jsonl:1: detections\.0\.score/ },
    { name: 'inverted box', text: line(0, [{ ...person, box: { x1: 0.5, y1: 0, x2: 0.4, y2: 1 } }]), error: /f\.jsonl:1: detections\.0\.box: box needs x1 <= x2/ },
    { name: 'missing tMs', text: JSON.stringify({ detections: [] }), error: /f\.jsonl:1: tMs/ },
    { name: 'unknown key', text: JSON.stringify({ tMs: 0, detections: [], extra: 1 }), error: /f\.jsonl:1: .*extra/ },
    { name: 'time going back', text: `${line(200, [])}\n\n${line(100, [])}`, error: /f\.jsonl:3: tMs 100 does not increase/ },
  ];
  it.each(cases)('$name', ({ text, error }) => {
    expect(() => parseReplay(text, 'f.jsonl')).toThrow(error);
  });

  it('errors carry the MODEL_INVALID code', () => {
    expect(() => parseReplay('x', 'f.jsonl')).toThrow(expect.objectContaining({ code: 'MODEL_INVALID' }));
  });
});

describe('nearestFrame', () => {
  const frames = [0, 200, 400].map((tMs) => ({ tMs, detections: [] }));
  it.each([
    { tMs: 0, maxMs: 100, expected: 0 },
    { tMs: 90, maxMs: 100, expected: 0 },
    { tMs: 110, maxMs: 100, expected: 200 },
    { tMs: 100, maxMs: 100, expected: 0 },
    { tMs: 401, maxMs: 100, expected: 400 },
    { tMs: 501, maxMs: 100, expected: undefined },
    { tMs: -101, maxMs: 100, expected: undefined },
  ])('t=$tMs within $maxMs -> $expected', ({ tMs, maxMs, expected }) => {
    expect(nearestFrame(frames, tMs, maxMs)?.tMs).toBe(expected);
  });
});

describe('createReplayDetector', () => {
  it('returns the nearest recorded frame within half a frame period, else nothing', async () => {
    const file = path.join(dir, 'a.jsonl');
    writeFileSync(file, [line(0, [person]), line(200, [person, car]), line(400, [])].join('\n') + '\n');
    const d = await createReplayDetector(file);
    expect(await d.detect(input(0))).toEqual([person]);
    expect(await d.detect(input(230))).toEqual([person, car]);
    expect(await d.detect(input(650))).toEqual([]);
    await d.close();
  });

  it('reports a missing file', async () => {
    await expect(createReplayDetector(path.join(dir, 'nope.jsonl'))).rejects.toThrow(/replay file not found/);
  });
});

describe('recordDetections', () => {
  it('writes what the inner detector returns, readable by the replay detector', async () => {
    const script = new Map<number, Detection[]>([
      [0, [person]],
      [200, []],
      [400, [car, person]],
    ]);
    let closed = false;
    const inner: Detector = {
      name: 'scripted',
      detect: async (f) => script.get(f.tMs) ?? [],
      close: async () => void (closed = true),
    };
    const file = path.join(dir, 'rec.jsonl');
    const rec = recordDetections(inner, file);
    for (const tMs of script.keys()) expect(await rec.detect(input(tMs))).toEqual(script.get(tMs));
    await rec.close();
    expect(closed).toBe(true);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(3);
    const replay = await createReplayDetector(file);
    for (const [tMs, dets] of script) expect(await replay.detect(input(tMs))).toEqual(dets);
  });
});
