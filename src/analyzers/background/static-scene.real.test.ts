/**
 * The static-scene analyzer on real footage (skips without ../shared/data). Frames are decoded as the
 * ingest does (5 fps, 640 px wide). The bag's box was read by eye off the frames.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Box } from '../../core/types.ts';
import { iou } from '../../core/geometry.ts';
import { createStaticSceneTracker, type StaticScene } from './static-scene.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const clips = path.resolve(repoRoot, '../shared/data/clips');
const ready = existsSync(clips);
if (!ready) console.warn(`static-scene real-footage tests skipped: ${clips} is absent`);

function analyse(file: string): StaticScene[] {
  const raw = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-vf', 'fps=5,scale=640:-2', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], {
    maxBuffer: 1024 * 1024 * 1024,
  });
  const probe = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', file]);
  const [w, h] = String(probe).trim().split(',').map(Number);
  const height = 2 * Math.round((640 * h!) / w! / 2);
  const size = 640 * height * 3;
  const tracker = createStaticSceneTracker();
  const out: StaticScene[] = [];
  for (let i = 0; (i + 1) * size <= raw.length; i++) {
    out.push(tracker.step({ width: 640, height, data: new Uint8Array(raw.buffer, raw.byteOffset + i * size, size) }, i * 200));
  }
  return out;
}

const objectsOf = (s: StaticScene): Box[] => s.blobs.filter((b) => b.kind === 'object').map((b) => b.box);

describe.skipIf(!ready)('static-scene on real footage', () => {
  it('ABODA video 1: the backpack left on the lobby floor is a static object from ~16 s to the end', () => {
    const scenes = analyse(path.join(clips, 'abandoned_object/aboda_video1_cut.mp4'));
    const bag: Box = { x1: 0.19, y1: 0.65, x2: 0.3, y2: 0.79 };
    for (const tS of [18, 25, 32, 40]) {
      const best = Math.max(0, ...objectsOf(scenes[tS * 5]!).map((b) => iou(b, bag)));
      expect(best, `bag at ${tS} s`).toBeGreaterThan(0.5);
    }
    // Nothing else stays static in the empty lobby once the visitors have gone (after 18 s).
    const others = scenes.slice(18 * 5).flatMap((s) => objectsOf(s).filter((b) => iou(b, bag) < 0.1));
    expect(others).toEqual([]);
  });

  it('a boulevard with ordinary traffic: no static object lasts 3 s', () => {
    const scenes = analyse(path.join(clips, 'generic/bgslibrary_video03.avi'));
    let run = 0;
    let longest = 0;
    for (const s of scenes) {
      run = objectsOf(s).length > 0 ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    expect(scenes.length).toBeGreaterThan(100);
    expect(longest).toBeLessThan(15);
  });
});
