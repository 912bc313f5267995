/**
 * What running NanoDet on a window costs: single-thread inference time of nanodet (416 x 416) and
 * nanodet-dynamic at several input sizes (HxW; 288x416 and 352x416 are the passes on a whole 16:9 and
 * 4:3 frame without the letterbox's padding bands, window.ts frameWindow), the conversion time nanodet-dynamic adds to
 * `vigie models install`, and how far a window run's class scores are from the full run's.
 * Needs `vigie models install` first. Not a test: timings depend on the machine's load.
 *   node --import tsx bench/nanodet-window.ts [runs]
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { createOrtSession } from '../src/detect/onnx-session.ts';
import { CATALOG } from '../src/models/catalog.ts';
import { installModels, modelPath } from '../src/models/install.ts';
import { decodeJpegFile, hwcToNchw, resizeBilinear } from '../src/models/testing/image.ts';
import { cropNchw, median, windowCellDiffs } from '../src/models/testing/window.ts';
import { convertGraphModel } from '../src/models/tfjs/convert.ts';
import { loadGraphModel } from '../src/models/tfjs/load.ts';
import { firstScenario } from '../src/testing/footage.ts';

const RUNS = Number(process.argv[2] ?? 30);
const WARMUP = 5;
const SIZES: readonly [number, number][] = [[416, 416], [352, 416], [288, 416], [416, 288], [416, 320], [416, 256], [256, 256], [224, 192], [192, 192], [128, 128], [96, 96]];
const input = (h: number, w: number): Float32Array => new Float32Array(3 * h * w).fill(0.5);

async function medianMs(session: ort.InferenceSession, h: number, w: number): Promise<number> {
  const feeds = { input_1: new ort.Tensor('float32', input(h, w), [1, 3, h, w]) };
  for (let i = 0; i < WARMUP; i++) await session.run(feeds);
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await session.run(feeds);
    ms.push(performance.now() - t);
  }
  return median(ms);
}

function timeMs(fn: () => unknown, times = 3): number {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

async function inferenceTable(): Promise<void> {
  const fixed = await createOrtSession(modelPath('nanodet'), 1);
  const base = await medianMs(fixed, 416, 416);
  await fixed.release();
  console.log(`| model | input HxW | area vs 416² | median ms (1 thread, ${RUNS} runs) | vs nanodet |`);
  console.log('|---|---|---|---|---|');
  console.log(`| nanodet | 416x416 | 1.00 | ${base.toFixed(1)} | 1.00 |`);
  const dynamic = await createOrtSession(modelPath('nanodet-dynamic'), 1);
  for (const [h, w] of SIZES) {
    const ms = await medianMs(dynamic, h, w);
    console.log(`| nanodet-dynamic | ${h}x${w} | ${((h * w) / 416 ** 2).toFixed(2)} | ${ms.toFixed(1)} | ${(ms / base).toFixed(2)} |`);
  }
  await dynamic.release();
}

async function conversionTimes(): Promise<void> {
  const entry = CATALOG['nanodet-dynamic'];
  const model = await loadGraphModel(entry.source);
  const fixed = timeMs(() => convertGraphModel(model.json, model.weights, { outputs: entry.outputs }));
  const dynamic = timeMs(() => convertGraphModel(model.json, model.weights, { outputs: entry.outputs, dynamic: entry.dynamic }));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vigie-bench-models-'));
  try {
    const report = await installModels({ modelsDir: dir, names: ['nanodet', 'nanodet-dynamic'], log: () => undefined });
    const install = report.entries.map((e) => `${e.name} ${(e.elapsedMs / 1000).toFixed(2)} s`).join(', ');
    console.log(`conversion (median of 3): nanodet ${fixed.toFixed(0)} ms, nanodet-dynamic ${dynamic.toFixed(0)} ms (3 conversions + graph comparison)`);
    console.log(`install (read, convert, verify, write): ${install}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Window rows 64..256, cols 128..352 of a real 416 x 416 input: score diffs by distance from the window edge. */
async function windowDiffs(): Promise<void> {
  const image = firstScenario((s) => s.still && s.counts !== undefined)?.source;
  if (!image || !existsSync(image)) return console.log('window: no real image (../shared/data), skipped');
  const win = { top: 64, left: 128, height: 192, width: 224 };
  const x = hwcToNchw(resizeBilinear(decodeJpegFile(image), 416, 416), 416, 416, 1 / 255);
  const session = await createOrtSession(modelPath('nanodet-dynamic'), 1);
  const full = await session.run({ input_1: new ort.Tensor('float32', x, [1, 3, 416, 416]) });
  const part = await session.run({ input_1: new ort.Tensor('float32', cropNchw(x, 3, 416, 416, win), [1, 3, win.height, win.width]) });
  await session.release();
  console.log(`window ${JSON.stringify(win)} of ${path.basename(image)}: class-score max abs diff per cell (median / max), by margin from the window edge`);
  for (const [name, stride] of [['Identity', 8], ['Identity_1', 16], ['Identity_2', 32]] as const) {
    const diffs = windowCellDiffs(full[name]!.data as Float32Array, part[name]!.data as Float32Array, 416, win, stride, 80);
    const rows = [0, 32, 64].map((m) => {
      const d = diffs.filter((c) => c.marginPx >= m).map((c) => c.maxAbsDiff);
      return d.length === 0 ? `>=${m}px: none` : `>=${m}px (${d.length} cells): ${median(d).toFixed(4)} / ${Math.max(...d).toFixed(4)}`;
    });
    console.log(`  stride ${stride}: ${rows.join('; ')}`);
  }
}

console.log(`nanodet-window bench, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
await inferenceTable();
await conversionTimes();
await windowDiffs();
