/**
 * `npm run soak [-- --minutes 10 --cameras 1]`: cameras looping a real clip at real-time pace through
 * the whole pipeline; RSS sampled every 15 s. Reports the RSS spread after warm-up (first 2 min or a
 * fifth of the run) so a per-track or per-frame leak shows as growth.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createDetector } from '../src/detect/factory.ts';
import { detectorSchema } from '../src/config/schema.ts';
import { defaultModelsDir } from '../src/models/paths.ts';
import { runCamera } from '../src/pipeline/run-camera.ts';
import { thresholdsOf } from '../src/pipeline/analysis.ts';
import { benchCamera, type Profile } from './profiles.ts';
import { round } from './stats.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    cameras: { type: 'string', default: '1' },
    profile: { type: 'string', default: 'pipeline' },
    clip: { type: 'string', default: path.resolve(root, '../shared/data/clips/generic/opencv_vtest.avi') },
  },
});
const minutes = Number(values.minutes);
const cameras = Number(values.cameras);
const config = detectorSchema.parse({ kind: 'nanodet' });
const detector = await createDetector(config, { modelsDir: defaultModelsDir(), workers: Math.min(cameras, 2) });
const thresholds = thresholdsOf(config);
const stop = new AbortController();
const samples: { tS: number; rssMb: number; heapMb: number; frames: number }[] = [];
let frames = 0;
const t0 = Date.now();
const sample = (): void => {
  const m = process.memoryUsage();
  samples.push({ tS: Math.round((Date.now() - t0) / 1000), rssMb: round(m.rss / 2 ** 20), heapMb: round(m.heapUsed / 2 ** 20), frames });
  console.error(JSON.stringify(samples.at(-1)));
};
const timer = setInterval(sample, 15_000);
setTimeout(() => stop.abort(), minutes * 60_000);
await Promise.all(
  Array.from({ length: cameras }, (_, i) =>
    runCamera({
      camera: { ...benchCamera(`soak${i}`, values.clip, values.profile as Profile), loop: true, realtime: true },
      detector,
      ...(thresholds ? { thresholds } : {}),
      fps: 5,
      width: 640,
      signal: stop.signal,
      onFrame: () => void (frames += 1),
    }),
  ),
);
clearInterval(timer);
sample();
await detector.close();
const warmS = Math.min(120, (minutes * 60) / 5);
const after = samples.filter((s) => s.tS >= warmS);
const rss = after.map((s) => s.rssMb);
const base = rss[0] ?? Number.NaN;
const spreadPct = round((100 * (Math.max(...rss) - Math.min(...rss))) / base);
const driftPct = round((100 * ((rss.at(-1) ?? base) - base)) / base);
console.log(JSON.stringify({ minutes, cameras, frames, warmupSeconds: warmS, rssAfterWarmupMb: base, rssEndMb: rss.at(-1), spreadPct, driftPct, peakRssMb: round(process.resourceUsage().maxRSS / 1024, 0) }));
