import { describe, expect, it } from 'vitest';
import type { Frame } from '../../core/types.ts';
import { createExtras, getExtra } from '../../rules/extras.ts';
import { downscaleGrey, normalise, smooth, type GreyImage } from './grey.ts';
import { boxMean, denseFlow, DEFAULT_LK, type FlowField } from './lucas-kanade.ts';
import { rescueLargeMotion } from './block-match.ts';
import { FLOW_SUMMARY, summariseFlow } from './summary.ts';
import { createFlowAnalyzer } from './analyzer.ts';
import { syntheticFrames, texture } from './synthetic.ts';
import { mulberry32 } from '../../core/random.ts';

const W = 160;
const H = 120;

/** A smooth random texture shifted by (dx, dy) pixels (sampled analytically, so sub-pixel shifts are exact). */
function shifted(dx: number, dy: number, gain = 1, offset = 0): GreyImage {
  const data = new Float32Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const X = x - dx;
      const Y = y - dy;
      data[y * W + x] = gain * (Math.sin(X * 0.31 + Y * 0.17) + Math.sin(X * 0.13 - Y * 0.29) + 0.5 * Math.cos(X * 0.05 + Y * 0.11)) + offset;
    }
  }
  return { width: W, height: H, data };
}

function medianOf(field: FlowField, key: 'u' | 'v'): number {
  const vals = [...field[key]].filter((_, i) => field.valid[i] === 1).sort((a, b) => a - b);
  return vals[vals.length >> 1]!;
}

function rgb(img: GreyImage): Uint8Array {
  const out = new Uint8Array(img.width * img.height * 3);
  img.data.forEach((v, i) => out.fill(Math.min(255, Math.max(0, Math.round(v))), 3 * i, 3 * i + 3));
  return out;
}

describe('boxMean', () => {
  it.each([
    [7, 5, 2],
    [3, 3, 2],
    [1, 4, 1],
    [20, 9, 3],
  ])('matches the brute-force window mean on %i x %i, r %i', (w, h, r) => {
    const rand = mulberry32(w * 100 + h);
    const src = Float32Array.from({ length: w * h }, rand);
    const out = new Float32Array(w * h);
    boxMean(src, w, h, r, out, new Float32Array(w * h));
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let s = 0;
        let c = 0;
        for (let j = Math.max(0, y - r); j <= Math.min(h - 1, y + r); j++)
          for (let i = Math.max(0, x - r); i <= Math.min(w - 1, x + r); i++, c++) s += src[j * w + i]!;
        expect(out[y * w + x]).toBeCloseTo(s / c, 5);
      }
    }
  });
});

describe('dense Lucas-Kanade', () => {
  it.each([
    [0, 0],
    [0.5, 0],
    [1, -1],
    [2, 0],
    [-3, 2],
    [5, 0],
  ])('recovers a global shift of (%f, %f) px', (dx, dy) => {
    const f = denseFlow(shifted(0, 0), shifted(dx, dy));
    expect(medianOf(f, 'u')).toBeCloseTo(dx, 1);
    expect(medianOf(f, 'v')).toBeCloseTo(dy, 1);
  });

  it('a local brightness offset (a soft shadow) is not motion', () => {
    const a = shifted(0, 0);
    const b = shifted(0, 0);
    b.data.forEach((v, i) => (b.data[i] = v + 0.8 * Math.exp(-(((i % W) - 80) ** 2) / 800)));
    const f = denseFlow(a, b);
    const moving = [...f.u].filter((u, i) => f.valid[i] === 1 && Math.hypot(u, f.v[i]!) >= 0.5).length;
    expect(moving / (W * H)).toBeLessThan(0.01);
  });

  it('flat areas are marked invalid', () => {
    const flat: GreyImage = { width: W, height: H, data: new Float32Array(W * H) };
    expect(denseFlow(flat, flat).valid.every((v) => v === 0)).toBe(true);
  });
});

describe('grey images', () => {
  it('downscales to the grid width, keeping the aspect', () => {
    const g = downscaleGrey(new Uint8Array(640 * 360 * 3).fill(100), 640, 360, 160);
    expect([g.width, g.height]).toEqual([160, 90]);
    expect(g.data[500]).toBeCloseTo(100, 3);
  });

  it('normalisation makes a global gain and offset change vanish', () => {
    const a = normalise(shifted(0, 0, 40, 120));
    const b = normalise(shifted(0, 0, 60, 80));
    a.data.forEach((v, i) => expect(v).toBeCloseTo(b.data[i]!, 3));
  });
});

describe('large-motion rescue', () => {
  // One textured blob, 10 x 22 px, moving 8 px between frames on a textured background: more than its width.
  const rand = mulberry32(5);
  const background = texture(W, H, 4, rand);
  const skin = texture(10, 22, 3, rand);
  const frame = (x0: number): GreyImage => {
    const data = Float32Array.from(background);
    for (let y = 0; y < 22; y++) for (let x = 0; x < 10; x++) data[(50 + y) * W + x0 + x] = skin[y * 10 + x]!;
    return smooth(normalise({ width: W, height: H, data }));
  };
  const blobU = (f: FlowField, x0: number): number => {
    const us: number[] = [];
    for (let y = 52; y < 70; y++) for (let x = x0 + 2; x < x0 + 8; x++) us.push(f.u[y * W + x]!);
    return us.sort((a, b) => a - b)[us.length >> 1]!;
  };

  it('finds a fast blob that coarse-to-fine LK loses', () => {
    const [a, b] = [frame(60), frame(68)];
    const f = denseFlow(a, b, DEFAULT_LK);
    expect(Math.abs(blobU(f, 60) - 8)).toBeGreaterThan(2);
    expect(rescueLargeMotion(a, b, f.u, f.v)).toBeGreaterThan(0);
    expect(blobU(f, 60)).toBeCloseTo(8, 5);
  });

  it('leaves a well-tracked slow blob alone', () => {
    const [a, b] = [frame(60), frame(61)];
    const f = denseFlow(a, b, DEFAULT_LK);
    const before = Float32Array.from(f.u);
    rescueLargeMotion(a, b, f.u, f.v);
    expect(blobU(f, 60)).toBeCloseTo(1, 0);
    expect(blobU({ ...f, u: before }, 60)).toBeCloseTo(blobU(f, 60), 1);
  });
});

describe('flow summary', () => {
  const field = (fn: (x: number, y: number) => [number, number]): FlowField => {
    const u = new Float32Array(W * H);
    const v = new Float32Array(W * H);
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) [u[y * W + x], v[y * W + x]] = fn(x, y);
    return { width: W, height: H, u, v, valid: new Uint8Array(W * H).fill(1) };
  };

  it('a uniform translation: full coherence, speed in frame widths per second, no divergence', () => {
    const s = summariseFlow(field(() => [2, 0]), 200);
    expect(s.movingFraction).toBe(1);
    expect(s.coherence).toBeCloseTo(1, 5);
    expect(s.meanSpeed).toBeCloseTo(2 / W / 0.2, 6);
    expect(s.divergence).toBeCloseTo(0, 6);
  });

  it('a radial spread: positive divergence of 2 x the expansion rate', () => {
    // u = a (x - cx): a = 0.05 per frame -> 0.25/s, divergence 0.5/s.
    const s = summariseFlow(field((x, y) => [0.05 * (x - 80), 0.05 * (y - 60)]), 200);
    expect(s.divergence).toBeCloseTo(0.5, 2);
    expect(s.coherence).toBeLessThan(0.2);
    expect(summariseFlow(field((x, y) => [-0.05 * (x - 80), -0.05 * (y - 60)]), 200).divergence).toBeCloseTo(-0.5, 2);
  });

  it('sub-threshold jitter is still; a mask restricts the count to the watched pixels', () => {
    expect(summariseFlow(field(() => [0.3, -0.2]), 200)).toMatchObject({ movingFraction: 0, meanSpeed: 0, movingPixels: 0 });
    const mask = new Uint8Array(W * H).map((_, i) => (i % W < 40 ? 1 : 0));
    const s = summariseFlow(field((x) => (x < 20 ? [3, 0] : [0, 0])), 200, undefined, mask);
    expect(s.movingFraction).toBeCloseTo(0.5, 5);
  });
});

describe('flow analyzer', () => {
  const frames = (spec: Partial<Parameters<typeof syntheticFrames>[0]>, n: number): Frame[] =>
    syntheticFrames(
      { width: 320, height: 240, walkers: [{ x: 100, y: 120, headingRad: 0 }], blobW: 20, blobH: 44, speedAt: () => 20, ...spec },
      n,
    );
  const analyse = async (list: readonly Frame[], opts = {}) => {
    const a = createFlowAnalyzer(opts);
    const out = [];
    for (const frame of list) {
      const { extras, writer } = createExtras();
      await a.analyze({ frame, tracks: [], detections: [] }, writer);
      out.push(getExtra(extras, FLOW_SUMMARY));
    }
    return out;
  };

  it('writes a summary from the second frame on, with the walker moving', async () => {
    const out = await analyse(frames({}, 3));
    expect(out[0]).toBeUndefined();
    expect(out[2]!.movingFraction).toBeGreaterThan(0.005);
    expect(out[2]!.meanSpeed).toBeGreaterThan(0.03);
  });

  it('sensor noise on a static scene barely moves', async () => {
    const out = await analyse(frames({ speedAt: () => 0, noiseAt: () => 8 }, 4));
    for (const s of out.slice(1)) expect(s!.movingFraction).toBeLessThan(0.02);
  });

  it('a global brightness jump on a still scene is not motion', async () => {
    const list = frames({ speedAt: () => 0, gainAt: (t) => (t > 0 ? 0.6 : 1), offsetAt: (t) => (t > 0 ? 30 : 0) }, 2);
    expect((await analyse(list))[1]!.movingFraction).toBeLessThan(0.01);
  });

  it('no summary across a gap longer than 1 s', async () => {
    const list = frames({}, 3).map((f, i) => ({ ...f, tMs: i === 2 ? 5000 : f.tMs }));
    expect((await analyse(list))[2]).toBeUndefined();
  });

  it('watch zones: motion outside them does not count', async () => {
    const out = await analyse(frames({}, 3), { watch: [[{ x: 0.6, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 1 }, { x: 0.6, y: 1 }]] });
    expect(out[2]!.movingFraction).toBe(0);
  });

  it('works on frames of any size (grey grid from RGB)', async () => {
    const g = shifted(0, 0, 40, 120);
    const list: Frame[] = [0, 1].map((i) => ({ cameraId: 'c', seq: i, tMs: i * 200, wallMs: 0, width: W, height: H, data: rgb(g) }));
    const out = await analyse(list);
    expect(out[1]!.movingFraction).toBe(0);
  });
});
