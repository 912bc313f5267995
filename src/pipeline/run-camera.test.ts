/**
 * The pipeline end to end without a model: a generated clip, recorded detections replayed by time,
 * the real tracker and rules. Scenario table: a person walking into a forbidden zone, a car driving
 * against a flow zone, and a camera with a dead source running beside a healthy one.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CameraStatus, Detection, RuleEvent } from '../core/types.ts';
import { cameraSchema } from '../config/schema.ts';
import { createReplayDetector } from '../detect/replay.ts';
import { formatReplayLine } from '../detect/replay-format.ts';
import { resolveFfmpegPath } from '../ingest/ffmpeg-path.ts';
import { makeTestClip } from '../ingest/testing.ts';
import { runCamera } from './run-camera.ts';

const ffmpeg = resolveFfmpegPath();
const dir = mkdtempSync(path.join(tmpdir(), 'vigie-pipeline-'));
const clip = path.join(dir, 'clip.mp4');
const FPS = 5;
const SECONDS = 6;

/** One detection per frame, its box centre moving linearly from `from` to `to` over the clip. */
function walk(label: Detection['label'], from: [number, number], to: [number, number], size: [number, number]): string {
  const frames = SECONDS * FPS;
  return Array.from({ length: frames }, (_, i) => {
    const k = i / (frames - 1);
    const cx = from[0] + (to[0] - from[0]) * k;
    const cy = from[1] + (to[1] - from[1]) * k;
    const box = { x1: cx - size[0] / 2, y1: cy - size[1] / 2, x2: cx + size[0] / 2, y2: cy + size[1] / 2 };
    return formatReplayLine((i * 1000) / FPS, [{ box, label, score: 0.9 }]);
  }).join('\n');
}

const cases = [
  {
    name: 'person walks down into the forbidden lower half',
    detections: walk('person', [0.5, 0.2], [0.5, 0.8], [0.1, 0.3]),
    events: ['intrusion'],
    zones: [{ id: 'lower', kind: 'forbidden', polygon: [[0, 0.6], [1, 0.6], [1, 1], [0, 1]] }],
    expected: [{ type: 'intrusion', zoneId: 'lower', afterS: 2.5, beforeS: 6 }],
  },
  {
    name: 'person stays in the upper half: nothing',
    detections: walk('person', [0.2, 0.2], [0.8, 0.3], [0.1, 0.2]),
    events: ['intrusion'],
    zones: [{ id: 'lower', kind: 'forbidden', polygon: [[0, 0.6], [1, 0.6], [1, 1], [0, 1]] }],
    expected: [],
  },
  {
    name: 'car drives down a zone whose allowed direction is up',
    detections: walk('car', [0.5, 0.1], [0.5, 0.9], [0.15, 0.2]),
    events: ['wrong_way'],
    zones: [{ id: 'aisle', kind: 'flow', polygon: [[0, 0], [1, 0], [1, 1], [0, 1]], direction: [0, -1] }],
    expected: [{ type: 'wrong_way', zoneId: 'aisle', afterS: 1, beforeS: 4 }],
  },
  {
    name: 'car drives up, the allowed way: nothing',
    detections: walk('car', [0.5, 0.9], [0.5, 0.1], [0.15, 0.2]),
    events: ['wrong_way'],
    zones: [{ id: 'aisle', kind: 'flow', polygon: [[0, 0], [1, 0], [1, 1], [0, 1]], direction: [0, -1] }],
    expected: [],
  },
];

describe.skipIf(!ffmpeg)('runCamera with replayed detections', () => {
  beforeAll(async () => {
    await makeTestClip(ffmpeg!, clip, SECONDS);
  });

  it.each(cases)('$name', async ({ name, detections, events, zones, expected }) => {
    const replay = path.join(dir, `${name.replace(/\W+/g, '-')}.jsonl`);
    writeFileSync(replay, `${detections}\n`);
    const detector = await createReplayDetector(replay);
    const camera = cameraSchema.parse({ id: 'cam', url: clip, events, zones });
    const got: RuleEvent[] = [];
    const result = await runCamera({ camera, detector, fps: FPS, width: 320, onEvent: (e) => void got.push(e) });
    await detector.close();
    expect(result.status.state).toBe('ended');
    expect(result.frames).toBe(SECONDS * FPS);
    expect(got).toHaveLength(expected.length);
    got.forEach((e, i) => {
      const want = expected[i]!;
      expect(e).toMatchObject({ type: want.type, zoneId: want.zoneId });
      expect(e.tMs / 1000).toBeGreaterThanOrEqual(want.afterS);
      expect(e.tMs / 1000).toBeLessThan(want.beforeS);
    });
  });

  it('a camera whose source is dead fails alone; the camera beside it runs to the end', async () => {
    const replay = path.join(dir, 'side.jsonl');
    writeFileSync(replay, `${cases[0]!.detections}\n`);
    const detector = await createReplayDetector(replay);
    const statuses: CameraStatus[] = [];
    const [bad, good] = await Promise.all([
      runCamera({
        camera: cameraSchema.parse({ id: 'bad', url: 'rtsp://127.0.0.1:9/none', events: ['intrusion'] }),
        detector,
        fps: FPS,
        width: 320,
        maxRetries: 1,
        onStatus: (s) => void statuses.push(s),
      }),
      runCamera({ camera: cameraSchema.parse({ id: 'good', url: clip, events: ['intrusion'], zones: cases[0]!.zones }), detector, fps: FPS, width: 320 }),
    ]);
    await detector.close();
    expect(bad.status).toMatchObject({ state: 'failed' });
    expect(statuses.some((s) => s.state === 'reconnecting')).toBe(true);
    expect(good.status.state).toBe('ended');
    expect(good.frames).toBe(SECONDS * FPS);
  });
});
