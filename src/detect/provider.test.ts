/**
 * detector.provider: cpu (default) or cuda. On a machine without onnxruntime-node's CUDA libraries
 * (this project's CI, CPU-only), cuda must fail at start with one clear line, never run on the CPU.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectorSchema } from '../config/schema.ts';
import { VigieError } from '../core/errors.ts';
import { runVigie } from '../testing/run-cli.ts';
import { createDetector, onnxSpecFor } from './factory.ts';
import { createOrtSession } from './onnx-session.ts';
import { buildYoloFixture, writeTempModel } from './test-models.ts';

/** onnxruntime-node's native folder: the CUDA provider library lies there when it was installed with CUDA. */
const ortBin = path.join(path.dirname(createRequire(import.meta.url).resolve('onnxruntime-node')), '../bin/napi-v6', process.platform, process.arch);
const CUDA_INSTALLED = existsSync(path.join(ortBin, 'libonnxruntime_providers_cuda.so'));

const model = writeTempModel(buildYoloFixture(32, 1, [{ cx: 16, cy: 16, w: 16, h: 16, scores: [0.8] }]));
const yolo = (provider?: string): ReturnType<typeof detectorSchema.parse> =>
  detectorSchema.parse({ kind: 'yolo', model, classMap: { '0': 'knife' }, inputSize: 32, ...(provider ? { provider } : {}) });
const frame = { width: 32, height: 32, tMs: 0, data: new Uint8Array(32 * 32 * 3) };
/** The worker thread prefixes its start failures with "detector worker failed to start: ". */
const CUDA_MESSAGE = /(^|^detector worker failed to start: )detector\.provider cuda: onnxruntime-node cannot load the CUDA provider here: \S.*; install onnxruntime-node with CUDA libraries or use provider cpu$/;

describe('detector.provider', () => {
  it.each([
    [undefined, 'cpu'],
    ['cpu', 'cpu'],
    ['cuda', 'cuda'],
  ])('%s in the config: the model spec asks for %s', (provider, expected) => {
    expect(onnxSpecFor(yolo(provider) as Exclude<ReturnType<typeof yolo>, { kind: 'replay' }>, { modelsDir: tmpdir() }).provider).toBe(expected);
  });

  it('refuses a provider it does not know', () => {
    expect(detectorSchema.safeParse({ kind: 'nanodet', provider: 'gpu' }).success).toBe(false);
    expect(detectorSchema.safeParse({ kind: 'replay', path: 'x.jsonl', provider: 'cuda' }).success).toBe(false);
  });

  it('cpu: detects as before', async () => {
    const detector = await createDetector(yolo('cpu'), { modelsDir: tmpdir(), inProcess: true });
    try {
      expect((await detector.detect(frame)).map((d) => d.label)).toEqual(['knife']);
    } finally {
      await detector.close();
    }
  });

  it.skipIf(CUDA_INSTALLED).each([
    { name: 'in process', opts: { inProcess: true } },
    { name: 'in a worker thread (what serve and worker run)', opts: {} },
    { name: 'in a pool of two workers', opts: { workers: 2 } },
  ])('cuda without the CUDA libraries, $name: one clear line, no CPU fallback', async ({ opts }) => {
    const err = await createDetector(yolo('cuda'), { modelsDir: tmpdir(), ...opts }).then(
      async (d) => (await d.close(), undefined),
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(VigieError);
    expect(err).toMatchObject({ code: 'DETECTOR_FAILED', message: expect.stringMatching(CUDA_MESSAGE) });
    expect((err as Error).message).not.toContain('\n');
  });

  it.skipIf(CUDA_INSTALLED)('vigie analyze with provider cuda: exit 1 and the one line, no alert printed', async () => {
    const config = path.join(path.dirname(model), 'site.yaml');
    writeFileSync(config, `detector:\n  kind: yolo\n  model: ${JSON.stringify(model)}\n  classMap: { "0": person }\n  inputSize: 32\n  provider: cuda\ncameras:\n  - id: cam1\n    url: ${JSON.stringify(path.join(path.dirname(model), 'clip.mp4'))}\n`);
    const run = await runVigie(['analyze', path.join(path.dirname(model), 'clip.mp4'), '--config', config, '--no-store']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const ours = run.stderr.split('\n').filter((l) => l.startsWith('vigie: '));
    expect(ours).toHaveLength(1);
    expect(ours[0]!.replace(/^vigie: /, '')).toMatch(CUDA_MESSAGE);
  });

  it('cuda with a file that is no model: the model is named as invalid, not the provider', async () => {
    const garbage = writeTempModel(new TextEncoder().encode('not an onnx model'), 'garbage.onnx');
    await expect(createOrtSession(garbage, 1, undefined, 'cuda')).rejects.toMatchObject({ code: 'MODEL_INVALID', message: expect.stringContaining(garbage) });
  });
});
