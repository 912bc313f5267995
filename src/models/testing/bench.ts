/**
 * Inference time of a converted model: onnxruntime-node (1 and 2 threads) against TF.js wasm.
 *   node --import tsx src/models/testing/bench.ts [nanodet|movenet-lightning] [iterations]
 * Prints median and min ms per inference after warm-up runs. Not a test: timings depend on load.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import * as tf from '@tensorflow/tfjs-core';
import { CATALOG } from '../catalog.ts';
import type { ModelName } from '../catalog.ts';
import { convertGraphModel } from '../tfjs/convert.ts';
import { loadGraphModel } from '../tfjs/load.ts';
import { repoRoot } from './paths.ts';
import { initTfjsWasm, loadTfjsModel } from './tfjs-reference.ts';

const name = (process.argv[2] ?? 'nanodet') as ModelName;
const iterations = Number(process.argv[3] ?? 20);
const WARMUP = 3;

async function time(run: () => Promise<unknown>): Promise<{ median: number; min: number }> {
  for (let i = 0; i < WARMUP; i++) await run();
  const ms: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)]!, min: ms[0]! };
}

const entry = CATALOG[name];
const model = await loadGraphModel(entry.source);
const converted = convertGraphModel(model.json, model.weights, { outputs: entry.outputs, ...('dynamic' in entry ? { dynamic: entry.dynamic } : {}) });
// Symbolic dims (nanodet-dynamic's height and width) run at 416, the size the graph was exported at.
const shape = entry.input.shape.map((d): number => (typeof d === 'number' ? d : 416));
const n = shape.reduce((a, b) => a * b, 1);
const data = entry.input.dtype === 'int32' ? new Int32Array(n).fill(128) : new Float32Array(n).fill(0.5);
const rows: string[] = [];
for (const threads of [1, 2]) {
  const session = await InferenceSession.create(converted.bytes, { intraOpNumThreads: threads, interOpNumThreads: 1 });
  const feeds = { [entry.input.name]: new Tensor(entry.input.dtype, data, shape) };
  const r = await time(() => session.run(feeds));
  rows.push(`onnxruntime-node ${threads} thread(s): median ${r.median.toFixed(1)} ms, min ${r.min.toFixed(1)} ms`);
  await session.release();
}
await initTfjsWasm(repoRoot);
const tfModel = await loadTfjsModel(JSON.parse(readFileSync(entry.source, 'utf8')), model.shards);
const input = tf.tensor(data, shape, entry.input.dtype);
const r = await time(async () => {
  const out = tfModel.execute(input, [...entry.outputs]);
  const list = Array.isArray(out) ? out : [out];
  await Promise.all(list.map((t) => t.data()));
  tf.dispose(list);
});
rows.push(`tfjs-wasm (${tf.getBackend()}, 1 thread): median ${r.median.toFixed(1)} ms, min ${r.min.toFixed(1)} ms`);
console.log(`${name}, ${iterations} runs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (const row of rows) console.log(`  ${row}`);
